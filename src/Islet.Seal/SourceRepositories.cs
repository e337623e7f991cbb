using Islet.Manifest;

namespace Islet.Seal;

/// <summary>Finds the git repositories holding the application and Islet, and their commits and dirty flags.</summary>
public static class SourceRepositories
{
    /// <summary>
    /// One <see cref="SourceRepository"/> per distinct repository holding a directory of
    /// <paramref name="directories"/> (the first is the application's project, the rest are
    /// Islet's), in that order; directories outside git (or without git installed) are skipped.
    /// Paths are relative to <paramref name="projectDirectory"/>.
    /// </summary>
    public static IReadOnlyList<SourceRepository> Resolve(string projectDirectory, IReadOnlyList<string> directories)
    {
        var found = new List<(string Root, List<string> Roles, string Commit, bool Dirty)>();
        for (int i = 0; i < directories.Count; i++)
        {
            string role = i == 0 ? SourceRepository.ApplicationRole : SourceRepository.IsletRole;
            string? root = Git(directories[i], "rev-parse", "--show-toplevel");
            if (root is null) continue;
            int known = found.FindIndex(r => r.Root == root);
            if (known >= 0)
            {
                if (!found[known].Roles.Contains(role)) found[known].Roles.Add(role);
                continue;
            }
            string commit = Git(root, "rev-parse", "HEAD") ?? throw new SealException($"git cannot read HEAD in {root}");
            var status = ToolRunner.Run("git", "-C", root, "status", "--porcelain");
            bool dirty = status is null || status.ExitCode != 0 || status.Stdout.Trim().Length > 0;
            found.Add((root, [role], commit, dirty));
        }
        return found.Select(r => new SourceRepository(r.Roles, RelativePath(projectDirectory, r.Root), r.Commit, r.Dirty)).ToArray();
    }

    private static string RelativePath(string from, string to)
    {
        string relative = Path.GetRelativePath(Path.GetFullPath(from), Path.GetFullPath(to)).Replace('\\', '/');
        return relative.Length == 0 ? "." : relative;
    }

    private static string? Git(string directory, params string[] arguments)
    {
        var result = ToolRunner.Run("git", ["-C", directory, .. arguments]);
        if (result is null || result.ExitCode != 0) return null;
        string text = result.Stdout.Trim();
        return text.Length == 0 ? null : text;
    }
}

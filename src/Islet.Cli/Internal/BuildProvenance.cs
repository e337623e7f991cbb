using Islet.Cli.Images;

namespace Islet.Cli.Internal;

/// <summary>Provenance for image records: git state (via the <c>git</c> command, when installed) and the SDK version.</summary>
internal static class BuildProvenance
{
    /// <summary>The commit and dirty flag of the repository holding <paramref name="directory"/>; null outside git or without git.</summary>
    public static GitState? Git(string directory)
    {
        var head = ProcessRunner.Run("git", ["-C", directory, "rev-parse", "HEAD"], directory);
        if (head is null || head.ExitCode != 0 || head.Tail.Count == 0) return null;
        var status = ProcessRunner.Run("git", ["-C", directory, "status", "--porcelain"], directory, tailLines: 1);
        bool dirty = status is null || status.ExitCode != 0 || status.Tail.Count > 0;
        return new GitState(head.Tail[^1].Trim(), dirty);
    }

    /// <summary>The version <c>dotnet --version</c> reports in <paramref name="directory"/> (global.json applies); null on failure.</summary>
    public static string? SdkVersion(string directory)
    {
        var output = ProcessRunner.Run("dotnet", ["--version"], directory);
        return output is { ExitCode: 0, Tail.Count: > 0 } ? output.Tail[^1].Trim() : null;
    }
}

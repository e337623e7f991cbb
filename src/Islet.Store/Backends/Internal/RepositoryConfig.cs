using Islet.Store.Git;

namespace Islet.Store.Backends.Internal;

/// <summary>The few lines of git's config file (git-config's INI syntax) a store writes and reads.</summary>
internal static class RepositoryConfig
{
    // Extensions that do not change how objects and refs are stored in a way this store would misread.
    private static readonly HashSet<string> s_harmlessExtensions = new(StringComparer.OrdinalIgnoreCase) { "objectformat", "noop", "preciousobjects", "worktreeconfig" };

    public static string Format(GitHashAlgorithm algorithm, bool bare)
    {
        string core = $"[core]\n\trepositoryformatversion = {(algorithm == GitHashAlgorithm.Sha256 ? 1 : 0)}\n\tfilemode = true\n\tbare = {(bare ? "true" : "false")}\n";
        return algorithm == GitHashAlgorithm.Sha256 ? core + "[extensions]\n\tobjectformat = sha256\n" : core;
    }

    /// <summary>The object format the config names, after checking the format version and the extensions.</summary>
    public static GitHashAlgorithm ObjectFormat(string config, string path)
    {
        int version = 0;
        string? objectFormat = null;
        string section = "";
        foreach (string raw in config.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[')
            {
                int close = line.IndexOf(']', StringComparison.Ordinal);
                section = (close > 0 ? line[1..close] : line[1..]).Trim().ToLowerInvariant();
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string key = (equals < 0 ? line : line[..equals]).Trim().ToLowerInvariant();
            string value = equals < 0 ? "true" : line[(equals + 1)..].Trim().Trim('"');
            if (section == "core" && key == "repositoryformatversion" && !int.TryParse(value, out version))
                throw Unsupported(path, $"core.repositoryformatversion '{value}' is not a number");
            if (section == "extensions")
            {
                if (!s_harmlessExtensions.Contains(key))
                    throw Unsupported(path, $"extensions.{key} is not supported");
                if (key == "objectformat")
                    objectFormat = value.ToLowerInvariant();
            }
        }
        if (version is not (0 or 1))
            throw Unsupported(path, $"repository format version {version} is not 0 or 1");
        return objectFormat switch
        {
            null or "sha1" => GitHashAlgorithm.Sha1,
            "sha256" when version == 1 => GitHashAlgorithm.Sha256,
            "sha256" => throw Unsupported(path, "extensions.objectformat needs repository format version 1"),
            _ => throw Unsupported(path, $"object format '{objectFormat}' is not sha1 or sha256"),
        };
    }

    private static StoreException Unsupported(string path, string why) =>
        new(StoreError.UnsupportedRepository, $"The repository config '{path}' is not usable: {why}.");
}

namespace Islet.Cli.StoreCli;

/// <summary>
/// The remote a store was cloned from, kept where git keeps it (<c>remote.origin.url</c> in the
/// repository's <c>config</c>), so <c>pull</c> and <c>push</c> without a URL use it and
/// <c>git remote -v</c> shows it.
/// </summary>
internal static class RemoteConfig
{
    private const string Section = "[remote \"origin\"]";

    /// <summary><c>remote.origin.url</c> of the repository at <paramref name="gitDirectory"/>, or null.</summary>
    public static string? ReadOriginUrl(string gitDirectory)
    {
        string path = Path.Combine(gitDirectory, "config");
        if (!File.Exists(path))
            return null;
        bool inOrigin = false;
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = string.Equals(line.Replace("\t", " "), Section, StringComparison.OrdinalIgnoreCase);
                continue;
            }
            int equals = line.IndexOf('=');
            if (inOrigin && equals > 0 && line[..equals].Trim().Equals("url", StringComparison.OrdinalIgnoreCase))
                return line[(equals + 1)..].Trim().Trim('"');
        }
        return null;
    }

    /// <summary>Appends <c>remote.origin.url = URL</c> and git's default fetch refspec for a bare clone to the config.</summary>
    /// <remarks>Precondition: the config has no origin yet (a fresh clone).</remarks>
    public static void WriteOriginUrl(string gitDirectory, string url)
    {
        if (url.IndexOfAny(['\n', '\r', '"', '\\']) >= 0)
            throw CliException.Usage($"the URL '{url}' cannot be kept in the config");
        File.AppendAllText(Path.Combine(gitDirectory, "config"), $"{Section}\n\turl = {url}\n");
    }
}

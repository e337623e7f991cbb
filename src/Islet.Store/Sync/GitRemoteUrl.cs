using System.Diagnostics.CodeAnalysis;

namespace Islet.Store.Sync;

/// <summary>
/// A remote repository's address: <c>git://HOST[:PORT]/PATH</c> or <c>http://HOST[:PORT]/PATH</c>.
/// HOST is an IP address (IPv6 in brackets) or a name for the client's resolver; PATH is kept
/// as written (without query or fragment) and always starts with <c>/</c>.
/// </summary>
/// <param name="Scheme">The transport.</param>
/// <param name="Host">The host as written, without brackets.</param>
/// <param name="Port">The TCP port (the scheme's default when the URL has none).</param>
/// <param name="Path">The repository path, e.g. <c>/project.git</c>.</param>
public sealed record GitRemoteUrl(GitUrlScheme Scheme, string Host, int Port, string Path)
{
    /// <summary>The git daemon's registered port.</summary>
    public const int DefaultGitPort = 9418;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a git:// or http:// URL with a host and a path.</exception>
    public static GitRemoteUrl Parse(string text) =>
        TryParse(text, out GitRemoteUrl? url) ? url : throw new FormatException($"'{text}' is not a git:// or http:// URL with a host and a repository path.");

    /// <summary>Parses <paramref name="text"/>; false when it is not a supported URL.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GitRemoteUrl? url)
    {
        url = null;
        if (text is null)
            return false;
        GitUrlScheme scheme;
        string rest;
        if (text.StartsWith("git://", StringComparison.OrdinalIgnoreCase))
            (scheme, rest) = (GitUrlScheme.Git, text[6..]);
        else if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            (scheme, rest) = (GitUrlScheme.Http, text[7..]);
        else
            return false;
        int slash = rest.IndexOf('/');
        if (slash <= 0)
            return false;
        string authority = rest[..slash];
        string path = rest[slash..];
        int cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0)
            path = path[..cut];
        if (path.Length < 2 || path.Contains('\0') || path.Contains(' ') || authority.Contains('@'))
            return false;
        string host;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0)
                return false;
            host = authority[1..close];
            string after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                    return false;
                portText = after[1..];
            }
        }
        else
        {
            int colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
        }
        int port = scheme == GitUrlScheme.Git ? DefaultGitPort : 80;
        if (portText is not null && (!int.TryParse(portText, System.Globalization.NumberStyles.None, null, out port) || port is < 1 or > 65535))
            return false;
        if (host.Length == 0)
            return false;
        url = new GitRemoteUrl(scheme, host, port, path);
        return true;
    }

    /// <summary>The URL as text.</summary>
    public override string ToString()
    {
        string host = Host.Contains(':') ? $"[{Host}]" : Host;
        return $"{(Scheme == GitUrlScheme.Git ? "git" : "http")}://{host}:{Port}{Path}";
    }
}

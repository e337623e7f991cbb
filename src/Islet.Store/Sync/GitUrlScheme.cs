namespace Islet.Store.Sync;

/// <summary>The transports a <see cref="GitRemoteUrl"/> can name.</summary>
public enum GitUrlScheme
{
    /// <summary><c>git://host:port/path</c>: the git daemon protocol over TCP (default port 9418).</summary>
    Git,

    /// <summary><c>http://host:port/path</c>: Git's smart HTTP protocol (default port 80). No TLS.</summary>
    Http,
}

namespace Islet.Store.Sync;

/// <summary>How a fetch (or clone) maps the remote's refs onto local ones.</summary>
public sealed record GitFetchOptions
{
    /// <summary>The remote's name for remote-tracking refs (<c>refs/remotes/NAME/*</c>).</summary>
    public string RemoteName { get; init; } = "origin";

    /// <summary>
    /// True: the remote's <c>refs/heads/*</c> become local <c>refs/heads/*</c> (as <c>git clone --bare</c>
    /// does), and a clone points HEAD where the remote's HEAD points. False: they become
    /// <c>refs/remotes/NAME/*</c>. Clone defaults to true, fetch to false.
    /// </summary>
    public bool Mirror { get; init; }

    /// <summary>Also fetch <c>refs/tags/*</c> (created locally when missing, never moved without <see cref="Force"/>).</summary>
    public bool Tags { get; init; } = true;

    /// <summary>Allow non-fast-forward updates of mirrored branches and moved tags (remote-tracking refs are always forced, as with <c>+refs/heads/*:refs/remotes/NAME/*</c>).</summary>
    public bool Force { get; init; }

    /// <summary>The most <c>have</c> lines offered to the remote in negotiation.</summary>
    public int MaxHaves { get; init; } = 256;

    /// <summary>Receives the remote's progress messages (side-band 2); null asks the remote for none.</summary>
    public Action<string>? Progress { get; init; }
}

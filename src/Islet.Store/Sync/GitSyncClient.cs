using System.Net;
using Islet.Net;
using Islet.Store.Git;
using Islet.Store.Sync.Internal;

namespace Islet.Store.Sync;

/// <summary>
/// Clones, fetches and pushes between a local store and a remote Git repository over
/// <c>git://</c> (git daemon) or smart HTTP, using protocol v0 and only Islet's stack API, so
/// it runs the same on the unix target and inside a unikernel.
/// </summary>
/// <remarks>
/// Every member must be called on the stack's event loop thread. Store writes happen on that
/// thread too. A failed clone or fetch (a <see cref="GitProtocolException"/> or a
/// <see cref="Git.Packs.GitPackException"/>) changes no local ref; a failed push changes no
/// local state at all.
/// </remarks>
public sealed partial class GitSyncClient
{
    private readonly IStack _stack;
    private readonly Func<string, CancellationToken, ValueTask<IPAddress>>? _resolve;

    /// <summary>A client on <paramref name="stack"/>.</summary>
    /// <param name="stack">The network stack connections are made on.</param>
    /// <param name="resolve">Turns a host name into an address; null accepts IP addresses only.</param>
    public GitSyncClient(IStack stack, Func<string, CancellationToken, ValueTask<IPAddress>>? resolve = null)
    {
        _stack = stack ?? throw new ArgumentNullException(nameof(stack));
        _resolve = resolve;
    }

    /// <summary>The refs and capabilities <paramref name="url"/> advertises for fetching (like <c>git ls-remote</c>).</summary>
    /// <exception cref="GitProtocolException">The remote misbehaved or refused.</exception>
    public async ValueTask<GitRefAdvertisement> ListRefsAsync(GitRemoteUrl url, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1, CancellationToken cancellationToken = default)
    {
        await using GitConnection connection = await ConnectAsync(url, "git-upload-pack", cancellationToken);
        PktLineReader reader = await connection.OpenAsync(cancellationToken);
        GitRefAdvertisement advertisement = await GitRefAdvertisement.ReadAsync(reader, algorithm, cancellationToken);
        if (url.Scheme == GitUrlScheme.Git)
            await connection.ExchangeAsync(FlushOnly(), cancellationToken);
        return advertisement;
    }

    private async ValueTask<GitConnection> ConnectAsync(GitRemoteUrl url, string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        IPAddress address;
        if (!IPAddress.TryParse(url.Host, out address!))
        {
            if (_resolve is null)
                throw new GitProtocolException(GitProtocolError.Unsupported, $"'{url.Host}' is not an IP address and the client has no resolver.");
            address = await _resolve(url.Host, cancellationToken);
        }
        return GitConnection.Create(_stack.Tcp, url, new IPEndPoint(address, url.Port), service);
    }

    private static byte[] FlushOnly() => "0000"u8.ToArray();
}

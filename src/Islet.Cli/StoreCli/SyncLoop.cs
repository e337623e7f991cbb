using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Islet.Store.Git.Packs;
using Islet.Store.Sync;

namespace Islet.Cli.StoreCli;

/// <summary>
/// Runs one <see cref="GitSyncClient"/> conversation on the unix target's stack, on a fresh
/// event loop on the calling thread (the client and the store are used only there). Host names
/// are resolved with the system resolver. Protocol, pack and network failures become one-line
/// <see cref="CliException"/> failures.
/// </summary>
internal static class SyncLoop
{
    /// <summary>Runs <paramref name="body"/> to completion and returns its result.</summary>
    public static T Run<T>(string url, Func<GitSyncClient, Task<T>> body)
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var client = new GitSyncClient(new UnixStack(loop), ResolveAsync);
        try
        {
            return loop.Run(() => body(client));
        }
        catch (GitProtocolException e)
        {
            throw CliException.Failure($"{url}: {StoreAction.Sentence(e.Message)}");
        }
        catch (GitPackException e)
        {
            throw CliException.Failure($"{url}: bad pack: {StoreAction.Sentence(e.Message)}");
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            throw CliException.Failure($"{url}: {StoreAction.Sentence(e.Message)}");
        }
    }

    /// <summary>Parses a <c>git://</c> or <c>http://</c> URL; a usage error for anything else.</summary>
    public static GitRemoteUrl ParseUrl(string text) =>
        GitRemoteUrl.TryParse(text, out GitRemoteUrl? url)
            ? url
            : throw CliException.Usage($"bad URL '{text}': expected git://HOST[:PORT]/PATH or http://HOST[:PORT]/PATH");

    private static async ValueTask<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw CliException.Failure($"cannot resolve host '{host}'");
    }
}

using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Islet.Store.Sync;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>Runs a <see cref="GitSyncClient"/> on the unix target's stack, on an event loop of its own (the calling thread).</summary>
internal static class ClientLoop
{
    public static T Run<T>(Func<GitSyncClient, Task<T>> body)
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var client = new GitSyncClient(new UnixStack(loop));
        return loop.Run(() => body(client));
    }
}

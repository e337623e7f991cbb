using Islet.Events;
using Islet.Platform.Unix;
using Xunit;

namespace Islet.Platform.Tests.Events;

public sealed class EpollPollerTests
{
    [Fact]
    public void Shutdown_requested_from_another_thread_wakes_an_epoll_loop()
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        bool cancelled = loop.Run(async () =>
        {
            var stopped = new TaskCompletionSource<bool>();
            loop.ShutdownToken.Register(() => stopped.SetResult(true));
            var thread = new Thread(() =>
            {
                Thread.Sleep(50);
                loop.RequestShutdown();
            });
            thread.Start();
            return await stopped.Task;
        });
        Assert.True(cancelled);
    }

    [Fact]
    public void Timer_ends_an_epoll_wait()
    {
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        long start = loop.NowNanoseconds;
        loop.Run(() => loop.Delay(TimeSpan.FromMilliseconds(20)));
        Assert.True(loop.NowNanoseconds - start >= 20_000_000);
    }
}

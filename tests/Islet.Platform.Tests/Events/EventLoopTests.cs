using Islet.Events;
using Xunit;

namespace Islet.Platform.Tests.Events;

public sealed class EventLoopTests
{
    [Fact]
    public void Continuations_run_on_the_loop_thread()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        int loopThread = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        loop.Run(async () =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Yield();
            threads.Add(Environment.CurrentManagedThreadId);
            await loop.Delay(TimeSpan.FromSeconds(5));
            threads.Add(Environment.CurrentManagedThreadId);
        });
        Assert.Equal([loopThread, loopThread, loopThread], threads);
    }

    [Fact]
    public void Timers_fire_in_deadline_order_then_in_arming_order()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var fired = new List<string>();
        loop.Run(async () =>
        {
            var timers = new[]
            {
                new LoopTimer(loop, _ => fired.Add("c@30"), null),
                new LoopTimer(loop, _ => fired.Add("a@10"), null),
                new LoopTimer(loop, _ => fired.Add("b@20"), null),
                new LoopTimer(loop, _ => fired.Add("b2@20"), null),
            };
            timers[0].Arm(TimeSpan.FromMilliseconds(30));
            timers[1].Arm(TimeSpan.FromMilliseconds(10));
            timers[2].Arm(TimeSpan.FromMilliseconds(20));
            timers[3].Arm(TimeSpan.FromMilliseconds(20));
            await loop.Delay(TimeSpan.FromMilliseconds(100));
        });
        Assert.Equal(["a@10", "b@20", "b2@20", "c@30"], fired);
    }

    [Fact]
    public void Rearming_later_moves_the_deadline_and_fires_once()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var firedAt = new List<long>();
        loop.Run(async () =>
        {
            var timer = new LoopTimer(loop, _ => firedAt.Add(loop.NowNanoseconds), null);
            timer.Arm(TimeSpan.FromSeconds(1));
            await loop.Delay(TimeSpan.FromMilliseconds(500));
            timer.Arm(TimeSpan.FromSeconds(1)); // now due at 1.5 s
            await loop.Delay(TimeSpan.FromSeconds(5));
        });
        Assert.Equal([1_500_000_000L], firedAt);
    }

    [Fact]
    public void Rearming_earlier_fires_at_the_earlier_deadline()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var firedAt = new List<long>();
        loop.Run(async () =>
        {
            var timer = new LoopTimer(loop, _ => firedAt.Add(loop.NowNanoseconds), null);
            timer.Arm(TimeSpan.FromSeconds(10));
            timer.Arm(TimeSpan.FromSeconds(2));
            await loop.Delay(TimeSpan.FromSeconds(20));
        });
        Assert.Equal([2_000_000_000L], firedAt);
    }

    [Fact]
    public void Disarmed_timer_does_not_fire()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        int fired = 0;
        loop.Run(async () =>
        {
            var timer = new LoopTimer(loop, _ => fired++, null);
            timer.Arm(TimeSpan.FromSeconds(1));
            timer.Disarm();
            await loop.Delay(TimeSpan.FromSeconds(3));
        });
        Assert.Equal(0, fired);
    }

    [Fact]
    public void Many_rearms_keep_the_timer_queue_small()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        int fired = 0;
        loop.Run(async () =>
        {
            var timer = new LoopTimer(loop, _ => fired++, null);
            for (int i = 0; i < 100_000; i++)
            {
                timer.Arm(TimeSpan.FromSeconds(10)); // same "now": no new queue entries after the first
            }
            Assert.Equal(1, loop.PendingTimerEntries);
            await loop.Delay(TimeSpan.FromSeconds(11));
        });
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Posted_work_runs_in_order_after_current_work()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var order = new List<int>();
        loop.Run(async () =>
        {
            loop.Post(_ => order.Add(2), null);
            loop.Post(_ => order.Add(3), null);
            order.Add(1);
            await Task.Yield();
            order.Add(4);
        });
        Assert.Equal([1, 2, 3, 4], order);
    }

    [Fact]
    public void Work_posted_from_another_thread_wakes_a_waiting_loop()
    {
        using var loop = new EventLoop();
        int ranOn = -1;
        loop.Run(async () =>
        {
            var done = new TaskCompletionSource();
            var thread = new Thread(() => loop.Post(_ =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                done.SetResult();
            }, null));
            thread.Start();
            await done.Task;
            thread.Join();
        });
        Assert.NotEqual(-1, ranOn);
        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
    }

    [Fact]
    public void Virtual_time_makes_long_delays_cost_nothing_real()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        long before = loop.NowNanoseconds;
        var wallBefore = loop.UtcNow;
        loop.Run(() => loop.Delay(TimeSpan.FromHours(1)));
        Assert.Equal(before + 3_600_000_000_000L, loop.NowNanoseconds);
        Assert.Equal(wallBefore.AddHours(1), loop.UtcNow);
    }

    [Fact]
    public void Cancelled_delay_throws_and_its_timer_never_fires()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        loop.Run(async () =>
        {
            using var cts = new CancellationTokenSource();
            var delay = loop.Delay(TimeSpan.FromSeconds(10), cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        });
    }

    [Fact]
    public void Shutdown_request_from_another_thread_cancels_the_token_on_the_loop()
    {
        using var loop = new EventLoop();
        int cancelledOn = -1;
        loop.Run(async () =>
        {
            var stopped = new TaskCompletionSource();
            loop.ShutdownToken.Register(() =>
            {
                cancelledOn = Environment.CurrentManagedThreadId;
                stopped.SetResult();
            });
            new Thread(loop.RequestShutdown).Start();
            await stopped.Task;
        });
        Assert.Equal(Environment.CurrentManagedThreadId, cancelledOn);
    }

    [Fact]
    public void Exception_from_the_application_ends_run()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        var e = Assert.Throws<InvalidOperationException>(() => loop.Run(async () =>
        {
            await loop.Delay(TimeSpan.FromSeconds(1));
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", e.Message);
    }

    [Fact]
    public void Current_is_only_set_while_running()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        Assert.Null(EventLoop.CurrentOrNull);
        loop.Run(() =>
        {
            Assert.Same(loop, EventLoop.Current);
            return Task.CompletedTask;
        });
        Assert.Null(EventLoop.CurrentOrNull);
        Assert.Throws<InvalidOperationException>(() => EventLoop.Current);
    }
}

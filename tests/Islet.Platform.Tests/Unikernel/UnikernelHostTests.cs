using Xunit;
using Islet.Events;

namespace Islet.Platform.Tests.Unikernel;

/// <summary>How the host reports how an application ended: usage errors in one line with status 2, failures with their trace and 1.</summary>
public sealed class UnikernelHostTests
{
    [Fact]
    public void A_usage_error_is_one_line_and_status_2_and_a_failure_is_status_1_with_its_trace()
    {
        var lines = new List<string>();
        using (var loop = new EventLoop(new EventLoopOptions { VirtualTime = true }))
        {
            int status = UnikernelHost.RunLoop(loop, () => throw new UnikernelUsageException("unknown argument '--bogus'\nusage: app [--key K]"), lines.Add);
            Assert.Equal(2, status);
        }
        Assert.Equal("islet: unknown argument '--bogus'\nusage: app [--key K]", Assert.Single(lines));

        lines.Clear();
        using (var loop = new EventLoop(new EventLoopOptions { VirtualTime = true }))
        {
            int status = UnikernelHost.RunLoop(loop, () => throw new InvalidOperationException("broken"), lines.Add);
            Assert.Equal(1, status);
        }
        Assert.StartsWith("islet: the application failed: System.InvalidOperationException: broken", Assert.Single(lines));
        Assert.Contains(" at ", lines[0]);

        using (var loop = new EventLoop(new EventLoopOptions { VirtualTime = true }))
            Assert.Equal(0, UnikernelHost.RunLoop(loop, () => Task.CompletedTask, lines.Add));
    }
}

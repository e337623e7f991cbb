using System.Net;
using Islet.Events;
using Islet.Net;

namespace Islet.UserNet.Internal;

/// <summary>A connect bounded by an event-loop timer (virtual time in tests), and cancellable.</summary>
internal static class TimedConnect
{
    /// <summary>
    /// Connects through <paramref name="stack"/>; null when it failed (<see cref="NetException"/>),
    /// took longer than <paramref name="timeout"/>, or <paramref name="stopping"/> was cancelled.
    /// </summary>
    public static async Task<ITcpFlow?> TryConnectAsync(EventLoop loop, ITcpStack stack, IPEndPoint remote, TimeSpan timeout, CancellationToken stopping)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var timerCancel = new CancellationTokenSource();
        Task<ITcpFlow> connecting;
        try
        {
            connecting = stack.ConnectAsync(remote, attempt.Token).AsTask();
        }
        catch (NetException)
        {
            return null;
        }
        var timer = loop.Delay(timeout, timerCancel.Token);
        if (await Task.WhenAny(connecting, timer).ConfigureAwait(true) == timer) attempt.Cancel(); // on the loop thread
        else timerCancel.Cancel();
        try
        {
            return await connecting.ConfigureAwait(true);
        }
        catch (Exception e) when (e is NetException or OperationCanceledException)
        {
            return null;
        }
    }
}

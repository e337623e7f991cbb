using System.Net;
using Islet.Net;
using Islet.UserNet.Internal;

namespace Islet.UserNet;

public sealed partial class UserNetwork<TDevice>
{
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromMilliseconds(500);

    private async Task AcceptForwardsAsync(ITcpListener listener, ushort guestPort)
    {
        while (true)
        {
            ITcpFlow? host;
            try
            {
                host = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(true);
            }
            catch (Exception e) when (e is OperationCanceledException or NetException)
            {
                return;
            }
            if (host is null) return;
            Track(ForwardAsync(host, guestPort));
        }
    }

    /// <summary>
    /// Serves one host connection: connects to the guest's port (retrying while the guest is
    /// not up, within <see cref="UserNetworkOptions.GuestConnectWindow"/>) and splices the two.
    /// When the guest never accepts, the host connection is reset.
    /// </summary>
    private async Task ForwardAsync(ITcpFlow host, ushort guestPort)
    {
        Counters.ForwardsTotal++;
        Counters.ForwardsActive++;
        _live.Add(host);
        try
        {
            if (!await SpliceOrResetAsync(host, await ConnectToGuestAsync(guestPort).ConfigureAwait(true)).ConfigureAwait(true))
                Counters.ForwardsFailed++;
        }
        finally
        {
            _live.Remove(host);
            Counters.ForwardsActive--;
        }
    }

    private async Task<ITcpFlow?> ConnectToGuestAsync(ushort guestPort)
    {
        var target = new IPEndPoint(ToIPAddress(_options.GuestAddress), guestPort);
        long deadline = _loop.NowNanoseconds + (long)_options.GuestConnectWindow.TotalNanoseconds;
        var backoff = s_firstBackoff;
        if (!_guestLeased.Task.IsCompleted && _loop.NowNanoseconds < _bootWindowEnd)
        {
            // A booting guest without its lease cannot answer ARP: wait for the lease (an image
            // takes it within milliseconds of starting) rather than for ARP and connect timeouts.
            var window = TimeSpan.FromTicks((Math.Min(deadline, _bootWindowEnd) - _loop.NowNanoseconds) / 100);
            if (window > TimeSpan.Zero) await Task.WhenAny(_guestLeased.Task, _loop.Delay(window, _stopping.Token)).ConfigureAwait(true);
        }
        while (!_stopping.IsCancellationRequested)
        {
            var left = TimeSpan.FromTicks((deadline - _loop.NowNanoseconds) / 100);
            if (left <= TimeSpan.Zero) return null;
            var timeout = left < _options.ConnectAttemptTimeout ? left : _options.ConnectAttemptTimeout;
            if (await TimedConnect.TryConnectAsync(_loop, Stack.Tcp, target, timeout, _stopping.Token).ConfigureAwait(true) is { } flow)
                return flow;
            Counters.GuestConnectRetries++;
            left = TimeSpan.FromTicks((deadline - _loop.NowNanoseconds) / 100);
            if (left <= TimeSpan.Zero) return null;
            try
            {
                await _loop.Delay(backoff < left ? backoff : left, _stopping.Token).ConfigureAwait(true);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            backoff = backoff * 2 < s_maxBackoff ? backoff * 2 : s_maxBackoff;
        }
        return null;
    }
}

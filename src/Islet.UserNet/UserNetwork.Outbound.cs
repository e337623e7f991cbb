using System.Net;
using Islet.Net;
using Islet.UserNet.Internal;

namespace Islet.UserNet;

public sealed partial class UserNetwork<TDevice>
{
    /// <summary>Accepts the guest's connections to any address (the catch-all listener; only with AllowOutbound).</summary>
    private async Task AcceptOutboundAsync(ITcpListener catchAll)
    {
        while (true)
        {
            ITcpFlow? guest;
            try
            {
                guest = await catchAll.AcceptAsync(_stopping.Token).ConfigureAwait(true);
            }
            catch (Exception e) when (e is OperationCanceledException or NetException)
            {
                return;
            }
            if (guest is null) return;
            Track(ProxyOutboundAsync(guest));
        }
    }

    /// <summary>
    /// Connects the host to where the guest meant to go (the router's address means the host's
    /// own 127.0.0.1) and splices the two; resets the guest when the host cannot connect. The
    /// guest's handshake completes before the host's does, so a refused host port shows up in
    /// the guest as a reset right after connecting, not as a refused connect.
    /// </summary>
    private async Task ProxyOutboundAsync(ITcpFlow guest)
    {
        Counters.OutboundTotal++;
        Counters.OutboundActive++;
        _live.Add(guest);
        try
        {
            var wanted = guest.LocalEndPoint;
            var target = wanted.Address.Equals(ToIPAddress(_options.RouterAddress)) ? new IPEndPoint(IPAddress.Loopback, wanted.Port) : wanted;
            var host = await TimedConnect.TryConnectAsync(_loop, _host.Tcp, target, _options.ConnectAttemptTimeout, _stopping.Token).ConfigureAwait(true);
            if (!await SpliceOrResetAsync(guest, host).ConfigureAwait(true)) Counters.OutboundFailed++;
        }
        finally
        {
            _live.Remove(guest);
            Counters.OutboundActive--;
        }
    }
}

namespace Islet.Net.Dhcp;

/// <summary>The client states of RFC 2131 §4.4 (figure 5), without INIT-REBOOT.</summary>
public enum DhcpClientState
{
    /// <summary>No address; a DHCPDISCOVER is due.</summary>
    Init,
    /// <summary>DHCPDISCOVER sent, waiting for an offer.</summary>
    Selecting,
    /// <summary>DHCPREQUEST sent for an offer, waiting for the ACK.</summary>
    Requesting,
    /// <summary>Holding a lease; nothing to do until T1.</summary>
    Bound,
    /// <summary>Past T1: renewing with the leasing server by unicast.</summary>
    Renewing,
    /// <summary>Past T2: renewing with any server by broadcast.</summary>
    Rebinding,
}

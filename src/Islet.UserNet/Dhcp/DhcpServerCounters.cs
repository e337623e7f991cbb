namespace Islet.UserNet.Dhcp;

/// <summary>What a <see cref="DhcpServer"/> has received and answered.</summary>
public sealed class DhcpServerCounters
{
    /// <summary>DHCPDISCOVERs answered with an offer.</summary>
    public long Offers { get; internal set; }
    /// <summary>DHCPACKs granting or renewing the lease (the <c>dhcp.leases</c> counter).</summary>
    public long Leases { get; internal set; }
    /// <summary>DHCPNAKs: a request for an address other than the guest's.</summary>
    public long Naks { get; internal set; }
    /// <summary>DHCPDECLINEs: the client says the address is in use.</summary>
    public long Declines { get; internal set; }
    /// <summary>DHCPRELEASEs.</summary>
    public long Releases { get; internal set; }
    /// <summary>DHCPINFORMs answered.</summary>
    public long Informs { get; internal set; }
    /// <summary>Messages that are not well-formed DHCP requests.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Well-formed messages that need no answer (replies, relayed, for another server).</summary>
    public long Ignored { get; internal set; }
}

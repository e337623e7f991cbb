namespace Islet.UserNet;

/// <summary>What a <see cref="UserNetwork{TDevice}"/> has forwarded and refused (DHCP keeps its own counters).</summary>
public sealed class UserNetCounters
{
    /// <summary>Forwarded connections being spliced or waiting for the guest now.</summary>
    public long ForwardsActive { get; internal set; }
    /// <summary>Host connections accepted on forwarded ports.</summary>
    public long ForwardsTotal { get; internal set; }
    /// <summary>Forwarded connections reset because the guest did not accept within the window.</summary>
    public long ForwardsFailed { get; internal set; }
    /// <summary>Connection attempts to the guest that failed and were retried.</summary>
    public long GuestConnectRetries { get; internal set; }
    /// <summary>Guest connections out being spliced now (with AllowOutbound).</summary>
    public long OutboundActive { get; internal set; }
    /// <summary>Guest connections out accepted (with AllowOutbound).</summary>
    public long OutboundTotal { get; internal set; }
    /// <summary>Guest connections out reset because the host could not connect.</summary>
    public long OutboundFailed { get; internal set; }
}

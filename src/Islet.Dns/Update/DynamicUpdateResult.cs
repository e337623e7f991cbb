using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Update;

/// <summary>What a dynamic update did: the response code and, when the zone changed, the new
/// version and the step from the old one.</summary>
/// <param name="Rcode">The response code.</param>
/// <param name="NewZone">The new zone version when the update changed something, else null (also
/// for every error: an update is all or nothing, RFC 2136 §3.4).</param>
/// <param name="Diff">The change from the old version to <paramref name="NewZone"/>, or null.</param>
/// <param name="Reason">Why an error was returned, for logs; null on success.</param>
public sealed record DynamicUpdateResult(UpdateRcode Rcode, DnsZone? NewZone = null, ZoneDiff? Diff = null, string? Reason = null)
{
    /// <summary>Whether the zone changed (<see cref="NewZone"/> and <see cref="Diff"/> are set).</summary>
    public bool Changed => NewZone is not null;
}

using Islet.Dns.Security;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Update;

/// <summary>What <see cref="UpdateService.Handle"/> did with one request.</summary>
/// <param name="ResponseLength">The bytes of response written; 0 means send nothing (the request
/// was shorter than a header, was itself a response, or the buffer could not hold the answer).</param>
/// <param name="Rcode">The response code sent.</param>
/// <param name="Tsig">The outcome of the request's TSIG check.</param>
/// <param name="NewZone">The new version of the updated zone when it changed, else null. The caller
/// publishes it (to its answerer and persistence); the service keeps no state.</param>
/// <param name="Diff">The change from the old version to <paramref name="NewZone"/>, or null.</param>
/// <param name="Reason">Why the update failed, for logs; null on success.</param>
public sealed record UpdateServiceResult(int ResponseLength, UpdateRcode Rcode, TsigStatus Tsig,
    DnsZone? NewZone = null, ZoneDiff? Diff = null, string? Reason = null)
{
    /// <summary>Whether a zone changed.</summary>
    public bool Changed => NewZone is not null;
}

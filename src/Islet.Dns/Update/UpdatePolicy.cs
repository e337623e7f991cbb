using Islet.Dns.Security;
using Islet.Dns.Wire;

namespace Islet.Dns.Update;

/// <summary>Who may update: the settings <see cref="UpdateService"/> enforces before applying an update.</summary>
public sealed record UpdatePolicy
{
    /// <summary>Whether an update must carry a valid TSIG (default true); unsigned updates are then
    /// REFUSED. With false, unsigned updates are applied and signed ones must still verify.</summary>
    public bool RequireTsig { get; init; } = true;

    /// <summary>Decides whether the key (null for an unsigned update the policy admits) may update
    /// the zone with the given origin; false gives REFUSED. Null (the default) lets every key of the
    /// keyring update every zone. Called after the TSIG verified, so it must not throw.</summary>
    public Func<DnsName, TsigKey?, bool>? Authorize { get; init; }
}

using Islet.Dns.Wire;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Persistence;

/// <summary>
/// Durable storage for one zone's current version. Implementations replace the stored version
/// atomically: after a crash at any point, <see cref="LoadAsync"/> returns either the version
/// before the interrupted <see cref="SaveAsync"/> or the one it was saving, never a mixture.
/// Calls must not overlap (the caller serialises updates to a zone).
/// </summary>
public interface IZonePersistence
{
    /// <summary>Stores <paramref name="zone"/> as the current version and completes when it is
    /// durable. <paramref name="diff"/> is the step from the previously saved version (null for the
    /// first save); an implementation may use it (for a journal) or ignore it.</summary>
    /// <exception cref="IOException">The medium failed; the previous version is still the stored one.</exception>
    ValueTask SaveAsync(DnsZone zone, ZoneDiff? diff, CancellationToken cancellationToken = default);

    /// <summary>The newest stored version of the zone <paramref name="origin"/>, or null when none
    /// has been saved (or none survives intact).</summary>
    /// <exception cref="ZoneFileException">The stored text is intact but no longer a valid zone.</exception>
    ValueTask<DnsZone?> LoadAsync(DnsName origin, CancellationToken cancellationToken = default);
}

namespace Islet.Dns.Update;

/// <summary>Who may update: the settings <see cref="UpdateService"/> enforces before applying an update.</summary>
public sealed record UpdatePolicy
{
    /// <summary>Whether an update must carry a valid TSIG (default true); unsigned updates are then
    /// REFUSED. With false, unsigned updates are applied and signed ones must still verify.</summary>
    public bool RequireTsig { get; init; } = true;
}

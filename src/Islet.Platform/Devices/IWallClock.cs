namespace Islet.Devices;

/// <summary>
/// The calendar clock, for Date headers, certificates and logs. It may jump (NTP, the host
/// being suspended); never use it to measure intervals.
/// </summary>
public interface IWallClock
{
    /// <summary>The current UTC time.</summary>
    DateTimeOffset UtcNow { get; }
}

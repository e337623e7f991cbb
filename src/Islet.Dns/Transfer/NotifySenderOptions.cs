namespace Islet.Dns.Transfer;

/// <summary>How <see cref="NotifySender"/> retransmits (RFC 1996 §3.6 makes both operational
/// parameters).</summary>
public sealed class NotifySenderOptions
{
    /// <summary>The wait before the first retransmission; each later wait is twice the one before.
    /// Default 2 seconds.</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most transmissions of one NOTIFY to one target, the first included. Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;
}

namespace Islet.Net.Udp;

/// <summary>Limits of a <see cref="UdpLayer"/>.</summary>
public sealed record UdpLayerOptions
{
    /// <summary>Sockets bound at once.</summary>
    public int MaxSockets { get; init; } = 64;
    /// <summary>Datagrams each socket queues for receiving, and for sending.</summary>
    public int QueueDepth { get; init; } = 32;
    /// <summary>The largest payload a socket queues; longer received datagrams are dropped, longer sends refused.</summary>
    public int MaxDatagramSize { get; init; } = 1472;
    /// <summary>First port handed out for bind(0) (RFC 6335 §6 dynamic range).</summary>
    public ushort EphemeralFirst { get; init; } = 49152;
    /// <summary>Last port handed out for bind(0).</summary>
    public ushort EphemeralLast { get; init; } = 65535;

    internal void Validate()
    {
        if (MaxSockets < 1 || QueueDepth < 1 || MaxDatagramSize < 1 || MaxDatagramSize > 65507
            || EphemeralFirst == 0 || EphemeralLast < EphemeralFirst)
            throw new ArgumentOutOfRangeException(nameof(UdpLayerOptions), "UDP limits are out of range.");
    }
}

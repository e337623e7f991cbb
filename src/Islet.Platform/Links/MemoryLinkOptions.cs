namespace Islet.Links;

/// <summary>
/// The impairments of a simulated link, per direction. All randomness comes from
/// <see cref="Seed"/>, so a run under virtual time is exactly repeatable.
/// </summary>
public sealed record MemoryLinkOptions
{
    /// <summary>Seed of the link's random choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Largest IP packet carried (the frame payload). Default 1500.</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>Probability in [0,1] that a frame is dropped.</summary>
    public double Loss { get; init; }

    /// <summary>Probability in [0,1] that a frame is delivered twice.</summary>
    public double Duplicate { get; init; }

    /// <summary>Probability in [0,1] that a frame is held back by <see cref="ReorderDelay"/>, so later frames overtake it.</summary>
    public double Reorder { get; init; }

    /// <summary>Extra delay of a reordered frame. Default 5 ms.</summary>
    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>One-way propagation delay.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Uniform random extra delay in [0, Jitter) (frames may reorder when it exceeds the spacing).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Bits per second of the sender's serialisation; 0 means unlimited.</summary>
    public long BandwidthBitsPerSecond { get; init; }

    /// <summary>Frames waiting at the receiver before it drops more (a NIC ring). Default 1024.</summary>
    public int ReceiveQueueLimit { get; init; } = 1024;

    /// <summary>Frames in flight on the wire before the sender's queue is full. Default 4096.</summary>
    public int InFlightLimit { get; init; } = 4096;

    /// <summary>Validates the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability outside [0,1], a negative time or a limit below 1.</exception>
    public void Validate()
    {
        static void Probability(double p, string name)
        {
            if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(name, p, "A probability is between 0 and 1.");
        }
        Probability(Loss, nameof(Loss));
        Probability(Duplicate, nameof(Duplicate));
        Probability(Reorder, nameof(Reorder));
        if (Delay < TimeSpan.Zero || Jitter < TimeSpan.Zero || ReorderDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Delay), "Delays cannot be negative.");
        if (Mtu < 68) throw new ArgumentOutOfRangeException(nameof(Mtu), Mtu, "IPv4 needs an MTU of at least 68.");
        if (ReceiveQueueLimit < 1 || InFlightLimit < 1) throw new ArgumentOutOfRangeException(nameof(ReceiveQueueLimit), "Queue limits are at least 1.");
        if (BandwidthBitsPerSecond < 0) throw new ArgumentOutOfRangeException(nameof(BandwidthBitsPerSecond));
    }
}

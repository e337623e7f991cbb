namespace Islet.Net.Ipv4;

/// <summary>Limits of the IPv4 fragment reassembler; all buffers are allocated from these at construction.</summary>
public sealed record ReassemblyOptions
{
    /// <summary>The largest reassembled payload accepted (bytes after the IPv4 header); larger datagrams are dropped.</summary>
    public int MaxDatagramSize { get; init; } = 65535 - 20;

    /// <summary>Memory for all datagrams in reassembly; <c>TotalMemory / MaxDatagramSize</c> are reassembled at once.</summary>
    public int TotalMemory { get; init; } = 4 * (65535 - 20);

    /// <summary>How long an incomplete datagram is kept (RFC 791 suggests 15 s or more; Linux uses 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    internal int Slots => TotalMemory / MaxDatagramSize;

    internal void Validate()
    {
        if (MaxDatagramSize < 8 || MaxDatagramSize > 65535 - 20 || Slots < 1 || Timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ReassemblyOptions), "Reassembly limits are out of range.");
    }
}

namespace Islet.Devices;

/// <summary>Frame counters of one network device. Written only on the event loop thread.</summary>
public sealed class NetDeviceCounters
{
    /// <summary>Frames received and handed to the stack.</summary>
    public long RxFrames { get; set; }
    /// <summary>Bytes received and handed to the stack.</summary>
    public long RxBytes { get; set; }
    /// <summary>Frames dropped on receive (queue full, frame too long).</summary>
    public long RxDropped { get; set; }
    /// <summary>Frames sent.</summary>
    public long TxFrames { get; set; }
    /// <summary>Bytes sent.</summary>
    public long TxBytes { get; set; }
    /// <summary>Frames refused on send because the transmit queue was full.</summary>
    public long TxDropped { get; set; }
}

namespace Islet.Devices;

/// <summary>
/// A network interface that carries whole Ethernet II frames (no preamble, no FCS).
/// </summary>
/// <remarks>
/// Buffers: <see cref="TryReceive"/> writes into a span the caller owns and the device keeps
/// no reference to it after the call returns; <see cref="TrySend"/> copies the frame out of
/// the caller's span before it returns, so the caller may reuse it at once.
/// Readiness: the device is driven by the event loop. When <see cref="TryReceive"/> returns
/// false the caller waits for <see cref="WaitReadableAsync"/>; frames that arrive while
/// nobody receives are queued by the device up to its own bounded limit and then dropped
/// (counted in <see cref="NetDeviceCounters.RxDropped"/>).
/// Errors: a device never throws for a malformed frame (that is the next layer's business).
/// It throws <see cref="ObjectDisposedException"/> after disposal and
/// <see cref="IOException"/> when the underlying link has failed for good.
/// </remarks>
public interface INetDevice : IDisposable
{
    /// <summary>The largest IP packet the link carries (payload of one frame), e.g. 1500.</summary>
    int Mtu { get; }

    /// <summary>The interface's own Ethernet address.</summary>
    MacAddress Mac { get; }

    /// <summary>Counters kept by the device.</summary>
    NetDeviceCounters Counters { get; }

    /// <summary>
    /// Copies the next received frame into <paramref name="frame"/> (at least
    /// <c>Mtu + 14</c> bytes) and returns true with its length, or returns false when no
    /// frame is waiting. A frame longer than the buffer is dropped and counted.
    /// </summary>
    bool TryReceive(Span<byte> frame, out int length);

    /// <summary>
    /// Queues one frame for sending. Returns false when the device's transmit queue is full
    /// (the caller waits for <see cref="WaitWritableAsync"/>); a frame longer than
    /// <c>Mtu + 14</c> bytes is refused with <see cref="ArgumentException"/>.
    /// </summary>
    bool TrySend(ReadOnlySpan<byte> frame);

    /// <summary>Completes on the event loop when a frame may be received.</summary>
    ValueTask WaitReadableAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes on the event loop when a frame may be sent.</summary>
    ValueTask WaitWritableAsync(CancellationToken cancellationToken = default);
}

using Islet.Devices;
using Islet.Events;

namespace Islet.Links;

/// <summary>
/// Wraps any <see cref="INetDevice"/> and records every frame received and sent to a
/// <see cref="PcapWriter"/> (the pcap capture option on any link).
/// </summary>
/// <typeparam name="TDevice">The device captured; a struct or sealed class, so calls specialise.</typeparam>
public sealed class CapturingNetDevice<TDevice> : INetDevice where TDevice : INetDevice
{
    private readonly TDevice _inner;
    private readonly PcapWriter _pcap;
    private readonly EventLoop _loop;

    /// <summary>Captures <paramref name="inner"/> into <paramref name="pcap"/>, timestamped by the loop's wall clock.</summary>
    public CapturingNetDevice(TDevice inner, PcapWriter pcap, EventLoop loop)
    {
        _inner = inner;
        _pcap = pcap;
        _loop = loop;
    }

    /// <inheritdoc />
    public int Mtu => _inner.Mtu;

    /// <inheritdoc />
    public MacAddress Mac => _inner.Mac;

    /// <inheritdoc />
    public NetDeviceCounters Counters => _inner.Counters;

    /// <inheritdoc />
    public bool TryReceive(Span<byte> frame, out int length)
    {
        if (!_inner.TryReceive(frame, out length)) return false;
        _pcap.Write(frame[..length], Timestamp());
        return true;
    }

    /// <inheritdoc />
    public bool TrySend(ReadOnlySpan<byte> frame)
    {
        if (!_inner.TrySend(frame)) return false;
        _pcap.Write(frame, Timestamp());
        return true;
    }

    /// <inheritdoc />
    public ValueTask WaitReadableAsync(CancellationToken cancellationToken = default) => _inner.WaitReadableAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask WaitWritableAsync(CancellationToken cancellationToken = default) => _inner.WaitWritableAsync(cancellationToken);

    private long Timestamp() => (_loop.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <inheritdoc />
    public void Dispose()
    {
        _pcap.Dispose();
        _inner.Dispose();
    }
}

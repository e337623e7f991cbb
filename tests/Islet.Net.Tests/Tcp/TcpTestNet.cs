using Islet.Net.Ip;
using Islet.Net.Tcp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Tcp;

/// <summary>Captures the datagrams a layer sends.</summary>
internal sealed class CaptureOutput(Ipv4Address local) : IIpOutput
{
    private readonly byte[] _buffer = new byte[65536];
    private Ipv4Address _destination;
    private int _length;

    public Ipv4Address LocalAddress { get; } = local;
    public int MaxPayload { get; set; } = 1480;
    public List<(Ipv4Address Destination, byte[] Data)> Sent { get; } = new();

    public bool TryBegin(Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload)
    {
        Assert.Equal(IpProtocol.Tcp, protocol);
        _destination = destination;
        _length = payloadLength;
        payload = _buffer.AsSpan(0, payloadLength);
        return true;
    }

    public void Commit() => Sent.Add((_destination, _buffer[.._length]));
}

/// <summary>A segment seen on the test wire, parsed.</summary>
internal sealed record WireSegment(long Time, bool FromA, TcpRepr Repr, byte[] Payload)
{
    public bool Has(TcpFlags f) => Repr.Has(f);
}

/// <summary>
/// Two TCP layers back to back over an in-test wire with explicit time, an optional one-way
/// latency and a filter that drops chosen segments.
/// </summary>
internal sealed class TcpTestNet
{
    public static readonly Ipv4Address AddressA = new(10, 0, 0, 1);
    public static readonly Ipv4Address AddressB = new(10, 0, 0, 2);
    public const long Ms = 1_000_000;
    public const long Second = 1_000_000_000;

    private readonly CaptureOutput _outA = new(AddressA), _outB = new(AddressB);
    private readonly List<(long At, bool ToB, byte[] Data)> _inFlight = new();
    private long _deadlineA, _deadlineB;

    public TcpTestNet(TcpOptions? a = null, TcpOptions? b = null, byte[]? secretA = null, byte[]? secretB = null)
    {
        A = new TcpLayer(secretA ?? Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), a);
        B = new TcpLayer(secretB ?? Enumerable.Range(7, 32).Select(i => (byte)i).ToArray(), b);
    }

    public TcpLayer A { get; }
    public TcpLayer B { get; }
    public long Now { get; set; }
    public long Latency { get; set; }
    /// <summary>Returns true to drop the segment.</summary>
    public Func<WireSegment, bool>? Drop { get; set; }
    /// <summary>Extra delay for one segment (reorders it behind later ones).</summary>
    public Func<WireSegment, long>? Jitter { get; set; }
    /// <summary>Returns true to deliver the segment twice.</summary>
    public Func<WireSegment, bool>? Duplicate { get; set; }
    public List<WireSegment> Log { get; } = new();

    public static WireSegment Parse(long now, bool fromA, byte[] data)
    {
        Assert.True(TcpSegment.TryCreate(data, out var s));
        Assert.True(s.VerifyChecksum(fromA ? AddressA : AddressB, fromA ? AddressB : AddressA));
        Assert.True(TcpRepr.TryParse(s, out var r));
        return new WireSegment(now, fromA, r, s.Payload.ToArray());
    }

    /// <summary>Delivers raw segment bytes to a layer now, as if sent by the other side.</summary>
    public void Inject(bool toB, byte[] data)
    {
        var ip = new Ipv4Repr
        {
            Source = toB ? AddressA : AddressB, Destination = toB ? AddressB : AddressA,
            Protocol = IpProtocol.Tcp, PayloadLength = data.Length, Ttl = 64,
        };
        (toB ? B : A).Receive(ip, data, Now);
    }

    /// <summary>Builds a segment from <paramref name="repr"/> with a valid checksum.</summary>
    public static byte[] Build(TcpRepr repr, bool fromA, ReadOnlySpan<byte> payload = default)
    {
        var data = new byte[repr.HeaderLength + payload.Length];
        payload.CopyTo(data.AsSpan(repr.HeaderLength));
        Assert.True(repr.TryWrite(data, payload.Length, fromA ? AddressA : AddressB, fromA ? AddressB : AddressA, out _));
        return data;
    }

    /// <summary>Polls, moves segments across the wire and delivers those due, until nothing happens at <see cref="Now"/>.</summary>
    public void Settle()
    {
        for (int guard = 0; guard < 100_000; guard++)
        {
            _deadlineA = A.Poll(Now, _outA);
            _deadlineB = B.Poll(Now, _outB);
            Transfer(_outA, true);
            Transfer(_outB, false);
            bool delivered = false;
            for (int i = 0; i < _inFlight.Count; i++)
            {
                var (at, toB, data) = _inFlight[i];
                if (at > Now) continue;
                _inFlight.RemoveAt(i--);
                Inject(toB, data);
                delivered = true;
            }
            if (!delivered && _deadlineA > Now && _deadlineB > Now) return;
        }
        throw new InvalidOperationException("the network did not settle");
    }

    private void Transfer(CaptureOutput output, bool fromA)
    {
        foreach (var (_, data) in output.Sent)
        {
            var seg = Parse(Now, fromA, data);
            if (Drop?.Invoke(seg) == true) continue;
            Log.Add(seg);
            _inFlight.Add((Now + Latency + (Jitter?.Invoke(seg) ?? 0), fromA, data));
            if (Duplicate?.Invoke(seg) == true) _inFlight.Add((Now + Latency + (Jitter?.Invoke(seg) ?? 0), fromA, data));
        }
        output.Sent.Clear();
    }

    /// <summary>Runs to the next event (timer or delivery), no further than <paramref name="until"/>.</summary>
    public bool Step(long until)
    {
        Settle();
        long next = Math.Min(_deadlineA, _deadlineB);
        foreach (var (at, _, _) in _inFlight) next = Math.Min(next, at);
        if (next > until) { Now = Math.Max(Now, until); Settle(); return false; }
        Now = Math.Max(Now, next);
        Settle();
        return true;
    }

    /// <summary>Runs until <paramref name="until"/> (absolute time).</summary>
    public void RunUntil(long until)
    {
        while (Step(until)) { }
    }

    /// <summary>Runs until <paramref name="condition"/> holds; fails after <paramref name="limit"/> more time.</summary>
    public void RunUntil(Func<bool> condition, long limit = 600 * Second)
    {
        long end = Now + limit;
        Settle();
        while (!condition())
        {
            Assert.True(Step(end), "condition not reached in time");
        }
    }

    public void Advance(long delta) => RunUntil(Now + delta);

    /// <summary>Connects A to a listener on B:80 and returns both ends, established.</summary>
    public (TcpConnection Client, TcpConnection Server, TcpListenerCore Listener) Open(ushort port = 80)
    {
        var listener = B.Listen(new Ipv4Endpoint(AddressB, port), 8);
        var client = A.Connect(AddressA, new Ipv4Endpoint(AddressB, port), Now);
        TcpConnection? server = null;
        RunUntil(() => B.TryAccept(listener, out server) && client.State == TcpState.Established, 10 * Second);
        return (client, server!, listener);
    }

    public IEnumerable<WireSegment> From(bool a) => Log.Where(s => s.FromA == a);
}

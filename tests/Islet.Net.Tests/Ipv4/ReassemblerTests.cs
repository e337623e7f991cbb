using Islet.Net.Ipv4;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Ipv4;

public class ReassemblerTests
{
    private const long Second = 1_000_000_000;

    private static readonly Ipv4Repr s_header = new()
    {
        Source = new Ipv4Address(10, 0, 0, 1), Destination = new Ipv4Address(10, 0, 0, 2),
        Protocol = IpProtocol.Udp, Identification = 77, Ttl = 64,
    };

    private static byte[] Data(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    private static bool Add(Ipv4Reassembler r, byte[] data, int offset, int length, bool more, long now, out byte[] result, ushort id = 77)
    {
        var header = s_header with { FragmentOffset = offset, MoreFragments = more, PayloadLength = length, Identification = id };
        bool done = r.TryAdd(header, data.AsSpan(offset, length), now, out var whole, out var payload);
        result = payload.ToArray();
        if (done)
        {
            Assert.Equal(0, whole.FragmentOffset);
            Assert.False(whole.MoreFragments);
            Assert.Equal(payload.Length, whole.PayloadLength);
        }
        return done;
    }

    [Fact]
    public void Reassembles_in_order()
    {
        var r = new Ipv4Reassembler();
        var data = Data(3000);
        Assert.False(Add(r, data, 0, 1480, true, 0, out _));
        Assert.False(Add(r, data, 1480, 1480, true, 0, out _));
        Assert.True(Add(r, data, 2960, 40, false, 0, out var result));
        Assert.Equal(data, result);
        Assert.Equal(0, r.InProgress);
    }

    [Fact]
    public void Reassembles_out_of_order_with_duplicates()
    {
        var r = new Ipv4Reassembler();
        var data = Data(2001);
        Assert.False(Add(r, data, 1600, 401, false, 0, out _));
        Assert.False(Add(r, data, 800, 800, true, 0, out _));
        Assert.False(Add(r, data, 800, 800, true, 0, out _));
        Assert.False(Add(r, data, 400, 800, true, 0, out _)); // overlaps identically
        Assert.True(Add(r, data, 0, 400, true, 0, out var result));
        Assert.Equal(data, result);
    }

    [Fact]
    public void Overlap_with_different_bytes_drops_the_datagram()
    {
        var r = new Ipv4Reassembler();
        var data = Data(1600);
        Assert.False(Add(r, data, 0, 800, true, 0, out _));
        var forged = (byte[])data.Clone();
        forged[10] ^= 0xFF;
        Assert.False(Add(r, forged, 8, 800, true, 0, out _));
        Assert.Equal(1, r.Counters.ReassemblyConflicts);
        Assert.Equal(0, r.InProgress);
        Assert.False(Add(r, data, 800, 800, false, 0, out _)); // starts over, incomplete
    }

    [Fact]
    public void Inconsistent_lengths_are_conflicts()
    {
        var r = new Ipv4Reassembler();
        var data = Data(2000);
        Add(r, data, 0, 800, true, 0, out _);
        Add(r, data, 1200, 400, false, 0, out _);
        Assert.False(Add(r, data, 1600, 400, false, 0, out _)); // second, different last fragment
        Assert.Equal(1, r.Counters.ReassemblyConflicts);
        Add(r, data, 0, 804, true, 0, out _); // non-last fragment not a multiple of 8
        Assert.Equal(2, r.Counters.ReassemblyConflicts);
    }

    [Fact]
    public void Incomplete_datagrams_time_out_after_30_seconds()
    {
        var r = new Ipv4Reassembler();
        var data = Data(1600);
        Add(r, data, 0, 800, true, 0, out _);
        Assert.Equal(30 * Second, r.Poll(Second));
        Assert.Equal(long.MaxValue, r.Poll(30 * Second));
        Assert.Equal(1, r.Counters.ReassemblyTimeouts);
        Assert.False(Add(r, data, 800, 800, false, 30 * Second, out _));
    }

    [Fact]
    public void Datagrams_beyond_the_per_datagram_limit_are_dropped()
    {
        var r = new Ipv4Reassembler(new ReassemblyOptions { MaxDatagramSize = 1000, TotalMemory = 2000 });
        var data = Data(1600);
        Add(r, data, 0, 800, true, 0, out _);
        Assert.False(Add(r, data, 800, 800, false, 0, out _));
        Assert.Equal(1, r.Counters.ReassemblyOverflow);
        Assert.Equal(0, r.InProgress);
    }

    [Fact]
    public void Total_memory_limit_evicts_the_oldest_datagram()
    {
        var r = new Ipv4Reassembler(new ReassemblyOptions { MaxDatagramSize = 1000, TotalMemory = 2000 });
        var data = Data(1000);
        Add(r, data, 0, 200, true, 0, out _, id: 1);
        Add(r, data, 0, 200, true, 1, out _, id: 2);
        Add(r, data, 0, 200, true, 2, out _, id: 3);
        Assert.Equal(2, r.InProgress);
        Assert.Equal(1, r.Counters.ReassemblyOverflow);
        Assert.True(Add(r, data, 200, 800, false, 3, out var result, id: 3));
        Assert.Equal(data, result);
        Assert.False(Add(r, data, 200, 800, false, 3, out _, id: 1)); // evicted: only the tail now
    }
}

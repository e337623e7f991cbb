using Islet.Devices;
using Islet.Net.Arp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Arp;

public class ArpCacheTests
{
    private const long Second = 1_000_000_000;
    private static readonly Ipv4Address s_peer = new(10, 0, 0, 2);
    private static readonly MacAddress s_peerMac = MacAddress.FromBytes([2, 0, 0, 0, 0, 2]);

    private static byte[] Frame(byte tag, int length = 60)
    {
        var frame = new byte[length];
        frame.AsSpan().Fill(tag);
        return frame;
    }

    [Fact]
    public void Requests_are_retried_each_second_then_resolution_is_abandoned_and_queue_dropped()
    {
        var cache = new ArpCache();
        Assert.Equal(ArpLookupResult.Pending, cache.Lookup(s_peer, 0, out _));
        Assert.True(cache.Enqueue(s_peer, Frame(1)));
        Assert.Equal(0, cache.NextDeadline());
        Assert.True(cache.TryTakeDueRequest(0, out var target, out var destination));
        Assert.Equal(s_peer, target);
        Assert.Equal(MacAddress.Broadcast, destination);
        Assert.False(cache.TryTakeDueRequest(Second - 1, out _, out _));
        Assert.Equal(Second, cache.NextDeadline());
        Assert.True(cache.TryTakeDueRequest(Second, out _, out _));
        Assert.True(cache.TryTakeDueRequest(2 * Second, out _, out _));
        Assert.False(cache.TryTakeDueRequest(3 * Second, out _, out _));
        Assert.Equal(1, cache.Counters.ResolutionFailures);
        Assert.Equal(1, cache.Counters.QueueDroppedUnresolved);
        Assert.Equal(0, cache.QueuedFrames);
        Assert.Equal(long.MaxValue, cache.NextDeadline());
    }

    [Fact]
    public void Reply_resolves_queued_frames_in_order_with_destination_written()
    {
        var cache = new ArpCache();
        cache.Lookup(s_peer, 0, out _);
        cache.Enqueue(s_peer, Frame(1));
        cache.Enqueue(s_peer, Frame(2));
        cache.Learn(s_peer, s_peerMac, 10, create: false);
        Assert.Equal(ArpLookupResult.Resolved, cache.Lookup(s_peer, 10, out var mac));
        Assert.Equal(s_peerMac, mac);
        Assert.True(cache.TryPeekReady(out var frame));
        Assert.Equal(s_peerMac, MacAddress.FromBytes(frame[..6]));
        Assert.Equal(1, frame[6]);
        cache.ReleaseReady();
        Assert.True(cache.TryPeekReady(out frame));
        Assert.Equal(2, frame[6]);
        cache.ReleaseReady();
        Assert.False(cache.TryPeekReady(out _));
        Assert.Equal(0, cache.QueuedFrames);
    }

    [Fact]
    public void Expired_entries_stay_usable_while_revalidated_by_unicast_then_are_deleted()
    {
        var cache = new ArpCache(new ArpCacheOptions { ReachableTime = TimeSpan.FromSeconds(60) });
        cache.Learn(s_peer, s_peerMac, 0, create: true);
        Assert.True(cache.TryGet(s_peer, 60 * Second - 1, out _));
        Assert.False(cache.TryGet(s_peer, 60 * Second, out _));
        Assert.Equal(long.MaxValue, cache.NextDeadline());
        Assert.Equal(ArpLookupResult.Resolved, cache.Lookup(s_peer, 60 * Second, out var mac));
        Assert.Equal(s_peerMac, mac);
        Assert.True(cache.TryTakeDueRequest(60 * Second, out _, out var destination));
        Assert.Equal(s_peerMac, destination);
        Assert.True(cache.TryTakeDueRequest(61 * Second, out _, out _));
        Assert.True(cache.TryTakeDueRequest(62 * Second, out _, out _));
        Assert.Equal(ArpLookupResult.Resolved, cache.Lookup(s_peer, 62 * Second, out _));
        Assert.False(cache.TryTakeDueRequest(63 * Second, out _, out _));
        Assert.Equal(1, cache.Counters.ResolutionFailures);
        Assert.Equal(ArpLookupResult.Pending, cache.Lookup(s_peer, 63 * Second, out _));
    }

    [Fact]
    public void A_reply_during_revalidation_makes_the_entry_reachable_again()
    {
        var cache = new ArpCache();
        cache.Learn(s_peer, s_peerMac, 0, create: true);
        cache.Lookup(s_peer, 60 * Second, out _);
        Assert.True(cache.TryTakeDueRequest(60 * Second, out _, out _));
        cache.Learn(s_peer, s_peerMac, 60 * Second + 5, create: false);
        Assert.Equal(long.MaxValue, cache.NextDeadline());
        Assert.True(cache.TryGet(s_peer, 119 * Second, out _));
    }

    [Fact]
    public void Learning_without_create_only_updates_known_entries()
    {
        var cache = new ArpCache();
        cache.Learn(s_peer, s_peerMac, 0, create: false);
        Assert.False(cache.TryGet(s_peer, 0, out _));
        cache.Learn(s_peer, s_peerMac, 0, create: true);
        var other = MacAddress.FromBytes([2, 0, 0, 0, 0, 9]);
        cache.Learn(s_peer, other, 1, create: false);
        Assert.True(cache.TryGet(s_peer, 1, out var mac));
        Assert.Equal(other, mac);
    }

    [Fact]
    public void Queue_per_destination_drops_the_oldest()
    {
        var cache = new ArpCache(new ArpCacheOptions { QueuePerDestination = 16, QueueTotal = 64 });
        cache.Lookup(s_peer, 0, out _);
        for (int i = 0; i < 20; i++) Assert.True(cache.Enqueue(s_peer, Frame((byte)i)));
        Assert.Equal(16, cache.QueuedFrames);
        Assert.Equal(4, cache.Counters.QueueOverflow);
        cache.Learn(s_peer, s_peerMac, 0, create: false);
        Assert.True(cache.TryPeekReady(out var frame));
        Assert.Equal(4, frame[6]);
    }

    [Fact]
    public void Queue_total_drops_the_oldest_of_all()
    {
        var cache = new ArpCache(new ArpCacheOptions { QueuePerDestination = 16, QueueTotal = 64 });
        for (int d = 0; d < 5; d++)
        {
            var ip = new Ipv4Address(10, 0, 1, (byte)d);
            cache.Lookup(ip, 0, out _);
            for (int i = 0; i < 16; i++) cache.Enqueue(ip, Frame((byte)d));
        }
        Assert.Equal(64, cache.QueuedFrames);
        Assert.Equal(16, cache.Counters.QueueOverflow);
        cache.Learn(new Ipv4Address(10, 0, 1, 0), s_peerMac, 0, create: false);
        Assert.False(cache.TryPeekReady(out _));
    }

    [Fact]
    public void Oversized_frames_and_unknown_destinations_are_rejected()
    {
        var cache = new ArpCache(new ArpCacheOptions { MaxFrameLength = 100 });
        Assert.False(cache.Enqueue(s_peer, Frame(1)));
        cache.Lookup(s_peer, 0, out _);
        Assert.False(cache.Enqueue(s_peer, Frame(1, 101)));
        Assert.Equal(2, cache.Counters.QueueRejected);
    }

    [Fact]
    public void When_all_entries_are_pending_lookup_reports_no_resources()
    {
        var cache = new ArpCache(new ArpCacheOptions { Capacity = 2 });
        cache.Lookup(new Ipv4Address(10, 0, 0, 1), 0, out _);
        cache.Lookup(new Ipv4Address(10, 0, 0, 2), 0, out _);
        Assert.Equal(ArpLookupResult.NoResources, cache.Lookup(new Ipv4Address(10, 0, 0, 3), 0, out _));
        cache.Learn(new Ipv4Address(10, 0, 0, 1), s_peerMac, 0, create: false);
        Assert.Equal(ArpLookupResult.Pending, cache.Lookup(new Ipv4Address(10, 0, 0, 3), 0, out _));
    }
}

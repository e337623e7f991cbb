using System.Net;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Transfer.TransferZones;

namespace Islet.Dns.Tests.Transfer;

public sealed class NotifySenderTests
{
    private const long Second = 1_000_000_000;
    private static readonly IPEndPoint s_a = new(IPAddress.Parse("192.0.2.1"), 53);
    private static readonly IPEndPoint s_b = new(IPAddress.Parse("2001:db8::2"), 5353);

    private static (NotifySender Sender, List<ushort> Ids) Sender(int maxAttempts = 4)
    {
        var ids = new List<ushort>();
        ushort next = 100;
        var sender = new NotifySender(new NotifySenderOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxAttempts = maxAttempts }, () =>
        {
            ids.Add(++next);
            return next;
        });
        sender.SetTargets(Origin, [s_a, s_b]);
        return (sender, ids);
    }

    /// <summary>Everything due at <paramref name="now"/>, parsed, with its target.</summary>
    private static List<(DnsMessage Message, IPEndPoint Target)> Poll(NotifySender sender, long now)
    {
        var sent = new List<(DnsMessage, IPEndPoint)>();
        byte[] buffer = new byte[512];
        while (sender.TryPoll(now, buffer, out int length, out IPEndPoint? target))
            sent.Add((DnsMessage.Parse(buffer.AsSpan(0, length)), target!));
        return sent;
    }

    private static byte[] Response(ushort id, bool qr = true, byte opcode = 4, byte rcode = 0)
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = id, IsResponse = qr, Opcode = opcode, Rcode = rcode },
            Questions = [new DnsQuestion(Origin, DnsType.SOA)],
        };
        byte[] buffer = new byte[512];
        return buffer[..DnsMessageWriter.Write(message, buffer)];
    }

    [Fact]
    public void A_notify_has_opcode_4_aa_the_soa_question_and_the_soa_answer()
    {
        var zone = Make(77, 1);
        DnsMessage m = NotifyMessage.Create(zone.Soa, 9);
        byte[] buffer = new byte[512];
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, DnsMessageWriter.Write(m, buffer)));
        Assert.Equal(4, parsed.Header.Opcode);
        Assert.True(parsed.Header.IsAuthoritative);
        Assert.False(parsed.Header.IsResponse);
        Assert.Equal(9, parsed.Header.Id);
        Assert.Equal(new DnsQuestion(Origin, DnsType.SOA, DnsClass.Internet), Assert.Single(parsed.Questions));
        Assert.Equal(77u, Serial(Assert.Single(parsed.Answers)));
        Assert.True(NotifyMessage.IsNotify(parsed));
        Assert.Throws<ArgumentException>(() => NotifyMessage.Create(new DnsRecord(Origin, DnsClass.Internet, 1, new ARecordData(IPAddress.Loopback)), 1));
    }

    [Fact]
    public void A_primary_refuses_an_incoming_notify()
    {
        DnsMessage answer = NotifyMessage.RespondAsPrimary(NotifyMessage.Create(Make(1, 1).Soa, 321));
        Assert.Equal(321, answer.Header.Id);
        Assert.True(answer.Header.IsResponse);
        Assert.Equal(4, answer.Header.Opcode);
        Assert.Equal(5, answer.Header.Rcode);
        Assert.Single(answer.Questions);
        Assert.Empty(answer.Answers);
    }

    [Fact]
    public void Zone_changed_sends_one_notify_to_each_target_at_once()
    {
        var (sender, ids) = Sender();
        Assert.Null(sender.NextDeadline);
        sender.ZoneChanged(Make(5, 1), 10 * Second);
        Assert.Equal(10 * Second, sender.NextDeadline);
        Assert.Empty(Poll(sender, 10 * Second - 1));
        var sent = Poll(sender, 10 * Second);
        Assert.Equal([s_a, s_b], sent.Select(s => s.Target));
        Assert.Equal(ids, sent.Select(s => s.Message.Header.Id));
        Assert.All(sent, s => Assert.Equal(5u, Serial(s.Message.Answers[0])));
        Assert.Empty(Poll(sender, 10 * Second));
        Assert.Equal(11 * Second, sender.NextDeadline);
    }

    [Fact]
    public void Retransmits_with_a_doubling_interval_then_gives_up()
    {
        var (sender, _) = Sender(maxAttempts: 4);
        sender.SetTargets(Origin, [s_a]);
        sender.ZoneChanged(Make(5, 1).Soa, 0);
        // Sent at 0, then 1 s, 3 s and 7 s later (waits 1, 2, 4); after the wait of 8 s it is given up.
        long[] expected = [0, 1 * Second, 3 * Second, 7 * Second];
        var times = new List<long>();
        ushort? id = null;
        while (sender.NextDeadline is long next)
        {
            var sent = Poll(sender, next);
            if (sent.Count > 0)
            {
                times.Add(next);
                id ??= sent[0].Message.Header.Id;
                Assert.Equal(id, sent[0].Message.Header.Id);
            }
            Assert.True(times.Count <= 4);
        }
        Assert.Equal(expected, times);
        Assert.Equal(1, sender.GivenUp);
        Assert.Equal(0, sender.OutstandingCount);
    }

    [Fact]
    public void A_matching_response_stops_retransmission_to_that_target_only()
    {
        var (sender, _) = Sender();
        sender.ZoneChanged(Make(5, 1).Soa, 0);
        var sent = Poll(sender, 0);
        ushort idA = sent.Single(s => s.Target.Equals(s_a)).Message.Header.Id;
        Assert.True(sender.Receive(Response(idA, rcode: 4), s_a));
        Assert.Equal(1, sender.OutstandingCount);
        Assert.Equal([s_b], Poll(sender, 1 * Second).Select(s => s.Target));
        Assert.False(sender.Receive(Response(idA), s_a));
    }

    [Fact]
    public void Responses_that_do_not_match_are_ignored()
    {
        var (sender, _) = Sender();
        sender.ZoneChanged(Make(5, 1).Soa, 0);
        var sent = Poll(sender, 0);
        ushort idA = sent.Single(s => s.Target.Equals(s_a)).Message.Header.Id;
        Assert.False(sender.Receive(Response((ushort)(idA + 50)), s_a));
        Assert.False(sender.Receive(Response(idA), s_b));
        Assert.False(sender.Receive(Response(idA), new IPEndPoint(s_a.Address, 54)));
        Assert.False(sender.Receive(Response(idA, qr: false), s_a));
        Assert.False(sender.Receive(Response(idA, opcode: 0), s_a));
        Assert.False(sender.Receive(Response(idA).AsSpan(0, 11), s_a));
        Assert.False(sender.Receive([], s_a));
        Assert.Equal(2, sender.OutstandingCount);
        Assert.True(sender.Receive(Response(idA), new IPEndPoint(s_a.Address.MapToIPv6(), 53)));
    }

    [Fact]
    public void A_target_given_as_ipv4_mapped_matches_a_response_from_its_ipv4_address()
    {
        var (sender, _) = Sender();
        sender.SetTargets(Origin, [new IPEndPoint(s_a.Address.MapToIPv6(), 53)]);
        sender.ZoneChanged(Make(5, 1), 0);
        var sent = Assert.Single(Poll(sender, 0));
        Assert.Equal(s_a, sent.Target);
        Assert.True(sender.Receive(Response(sent.Message.Header.Id), s_a));
    }

    [Fact]
    public void A_newer_change_replaces_the_outstanding_notifies()
    {
        var (sender, _) = Sender();
        sender.ZoneChanged(Make(5, 1).Soa, 0);
        var first = Poll(sender, 0);
        sender.ZoneChanged(Make(6, 1).Soa, Second / 2);
        Assert.Equal(2, sender.OutstandingCount);
        var second = Poll(sender, Second / 2);
        Assert.Equal(2, second.Count);
        Assert.All(second, s => Assert.Equal(6u, Serial(s.Message.Answers[0])));
        Assert.Empty(first.Select(f => f.Message.Header.Id).Intersect(second.Select(s => s.Message.Header.Id)));
        // The old id no longer stops anything.
        Assert.False(sender.Receive(Response(first[0].Message.Header.Id), first[0].Target));
    }

    [Fact]
    public void Zones_without_targets_send_nothing_and_removed_targets_are_dropped()
    {
        var (sender, _) = Sender();
        sender.ZoneChanged(new DnsRecord(DnsName.Parse("example.org."), DnsClass.Internet, 1, Make(1, 1).Soa.Data), 0);
        Assert.Equal(0, sender.OutstandingCount);
        sender.ZoneChanged(Make(5, 1).Soa, 0);
        sender.SetTargets(Origin, [s_b]);
        Assert.Equal(s_b, Assert.Single(Poll(sender, 0)).Target);
        sender.SetTargets(Origin, []);
        Assert.Null(sender.NextDeadline);
    }

    [Fact]
    public void Random_datagrams_never_throw_or_match()
    {
        var (sender, _) = Sender();
        sender.ZoneChanged(Make(5, 1).Soa, 0);
        var sent = Poll(sender, 0);
        var ids = sent.Select(s => s.Message.Header.Id).ToHashSet();
        var random = new Random(1996);
        byte[] datagram = new byte[64];
        int matched = 0;
        for (int i = 0; i < 100_000; i++)
        {
            random.NextBytes(datagram);
            // Keep the ids away from the outstanding ones, so nothing may match.
            if (ids.Contains((ushort)(datagram[0] << 8 | datagram[1])))
                datagram[0] ^= 0x80;
            if (sender.Receive(datagram.AsSpan(0, random.Next(datagram.Length + 1)), random.Next(2) == 0 ? s_a : s_b))
                matched++;
        }
        Assert.Equal(0, matched);
        Assert.Equal(2, sender.OutstandingCount);
    }
}

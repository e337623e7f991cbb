using System.Net;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using static Islet.Dns.Tests.Transfer.TransferZones;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Transfer;

public sealed class ZoneTransferResponderTests
{
    private static ZoneTransferResponse Tcp(DnsMessage query, DnsZone zone, ZoneJournal? journal = null) =>
        Responder.Respond(query, zone, journal, TransferTransport.Tcp, Loopback);

    private static ZoneTransferResponse Udp(DnsMessage query, DnsZone zone, ZoneJournal? journal = null) =>
        Responder.Respond(query, zone, journal, TransferTransport.Udp, Loopback);

    /// <summary>Serials 10 → 11 → 12: hosts grow from 5 to 7, www's TXT changes, and old h0 goes.</summary>
    private static (DnsZone V10, DnsZone V12, ZoneJournal Journal) History()
    {
        DnsZone v10 = Make(10, 5);
        DnsZone v11 = Make(11, 6, "www TXT \"changed\"");
        DnsZone v12 = Make(12, 7, "www TXT \"changed\"", "new AAAA 2001:db8::7");
        var journal = new ZoneJournal(Origin);
        journal.Append(ZoneDiff.Between(v10, v11));
        journal.Append(ZoneDiff.Between(v11, v12));
        return (v10, v12, journal);
    }

    [Fact]
    public void Axfr_sends_soa_first_and_last_and_every_record_once()
    {
        DnsZone zone = Make(2024, 50);
        List<DnsMessage> messages = Messages(Tcp(Axfr(), zone));
        Assert.Single(messages);
        Assert.Equal([.. Texts(zone.Records), zone.Soa.ToString()], Answers(messages));
        DnsMessage m = messages[0];
        Assert.Equal(0x4242, m.Header.Id);
        Assert.True(m.Header.IsResponse && m.Header.IsAuthoritative);
        Assert.Equal(0, m.Header.Rcode);
        Assert.Equal(DnsType.AXFR, Assert.Single(m.Questions).Type);
    }

    [Fact]
    public void A_large_axfr_spans_messages_with_the_question_only_in_the_first()
    {
        DnsZone zone = Make(7, 5000);
        List<DnsMessage> messages = Messages(Tcp(Axfr(), zone));
        Assert.True(messages.Count >= 2, $"{messages.Count} messages");
        Assert.Single(messages[0].Questions);
        Assert.All(messages.Skip(1), m => Assert.Empty(m.Questions));
        Assert.All(messages, m => Assert.True(m.Header.Id == 0x4242 && m.Header.IsAuthoritative && !m.Header.IsTruncated));
        Assert.Equal([.. Texts(zone.Records), zone.Soa.ToString()], Answers(messages));
    }

    [Fact]
    public void Small_buffers_give_more_messages_with_the_same_records()
    {
        DnsZone zone = Make(7, 300);
        List<DnsMessage> messages = Messages(Tcp(Axfr(), zone), size: 600);
        Assert.True(messages.Count > 10);
        Assert.Equal([.. Texts(zone.Records), zone.Soa.ToString()], Answers(messages));
    }

    [Fact]
    public void The_trailer_reserve_stays_free_in_every_message()
    {
        DnsZone zone = Make(7, 3000);
        ZoneTransferResponse plain = Tcp(Axfr(), zone);
        ZoneTransferResponse reserved = Tcp(Axfr(), zone);
        reserved.TrailerReserve = 4000;
        byte[] buffer = new byte[65535];
        var lengths = new List<int>();
        while (reserved.TryWriteNext(buffer, out int length))
            lengths.Add(length);
        Assert.All(lengths, l => Assert.True(l <= 65535 - 4000));
        Assert.True(lengths.Count > Messages(plain).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => reserved.TrailerReserve = -1);
        ZoneTransferResponse tight = Tcp(Axfr(), zone);
        tight.TrailerReserve = 100;
        Assert.Throws<ArgumentException>(() => tight.TryWriteNext(new byte[100], out _));
    }

    [Fact]
    public void A_buffer_too_small_for_one_record_is_refused()
    {
        ZoneTransferResponse response = Tcp(Axfr(), Make(1, 1));
        Assert.Throws<ArgumentException>(() => response.TryWriteNext(new byte[40], out _));
    }

    [Fact]
    public void Edns_queries_get_an_opt_record_in_every_message()
    {
        DnsZone zone = Make(7, 5000);
        List<DnsMessage> messages = Messages(Tcp(Axfr(edns: new DnsEdns()), zone));
        Assert.True(messages.Count >= 2);
        Assert.All(messages, m => Assert.NotNull(m.Edns));
        Assert.Equal(zone.Records.Count() + 1, Answers(messages).Count);
    }

    [Fact]
    public void Edns_version_1_gets_badvers()
    {
        ZoneTransferResponse response = Tcp(Axfr(edns: new DnsEdns { Version = 1 }), Make(1, 1));
        DnsMessage m = Assert.Single(Messages(response));
        Assert.Equal(ZoneTransferKind.Error, response.Kind);
        Assert.Equal(16, response.Rcode);
        Assert.Equal(1, m.Edns!.ExtendedRcode);
        Assert.Empty(m.Answers);
    }

    [Fact]
    public void Axfr_over_udp_gets_formerr()
    {
        ZoneTransferResponse response = Udp(Axfr(), Make(1, 1));
        DnsMessage m = Assert.Single(Messages(response));
        Assert.Equal(ZoneTransferKind.Error, response.Kind);
        Assert.Equal(1, m.Header.Rcode);
        Assert.Empty(m.Answers);
        Assert.False(m.Header.IsAuthoritative);
    }

    [Fact]
    public void The_default_policy_refuses_everyone()
    {
        var responder = new ZoneTransferResponder(TransferPolicy.DenyAll);
        ZoneTransferResponse response = responder.Respond(Axfr(), Make(1, 1), null, TransferTransport.Tcp, IPAddress.Loopback);
        DnsMessage m = Assert.Single(Messages(response));
        Assert.Equal(5, m.Header.Rcode);
        Assert.Empty(m.Answers);
        Assert.Single(m.Questions);
        Assert.False(new TransferPolicy().IsAllowed(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.9.8.7", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("192.0.2.1", false)]
    [InlineData("::2", false)]
    [InlineData("::ffff:192.0.2.1", false)]
    public void The_loopback_policy_allows_only_loopback(string address, bool allowed)
    {
        IPAddress client = IPAddress.Parse(address);
        Assert.Equal(allowed, TransferPolicy.LoopbackOnly.IsAllowed(client));
        ZoneTransferResponse response = Responder.Respond(Axfr(), Make(1, 1), null, TransferTransport.Tcp, client);
        Assert.Equal(allowed ? 0 : 5, Messages(response)[0].Header.Rcode);
    }

    [Fact]
    public void A_prefix_policy_matches_its_prefix()
    {
        var policy = new TransferPolicy(IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("2001:db8:1::/48"));
        Assert.True(policy.IsAllowed(IPAddress.Parse("198.51.100.77")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("198.51.101.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("2001:db8:1:ffff::1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("2001:db8:2::1")));
    }

    [Fact]
    public void Another_zone_or_class_gets_notauth()
    {
        DnsZone zone = Make(1, 1);
        Assert.Equal(9, Messages(Tcp(Query(1, DnsType.AXFR, null, name: DnsName.Parse("www.example.com.")), zone))[0].Header.Rcode);
        var chaos = new DnsMessage { Questions = [new DnsQuestion(Origin, DnsType.AXFR, DnsClass.Chaos)] };
        Assert.Equal(9, Messages(Tcp(chaos, zone))[0].Header.Rcode);
    }

    [Fact]
    public void Non_transfer_queries_are_not_taken()
    {
        var query = new DnsMessage { Questions = [new DnsQuestion(Origin, DnsType.SOA)] };
        Assert.False(ZoneTransferResponder.IsTransferQuery(query));
        Assert.Throws<ArgumentException>(() => Tcp(query, Make(1, 1)));
        Assert.False(ZoneTransferResponder.IsTransferQuery(new DnsMessage { Header = new DnsHeader { IsResponse = true }, Questions = [new DnsQuestion(Origin, DnsType.AXFR)] }));
        Assert.False(ZoneTransferResponder.IsTransferQuery(new DnsMessage { Header = new DnsHeader { Opcode = 4 }, Questions = [new DnsQuestion(Origin, DnsType.AXFR)] }));
        Assert.True(ZoneTransferResponder.IsTransferQuery(Axfr()));
    }

    [Fact]
    public void Ixfr_without_the_clients_soa_gets_formerr()
    {
        ZoneTransferResponse response = Tcp(Query(3, DnsType.IXFR, null), Make(1, 1));
        Assert.Equal(1, Assert.Single(Messages(response)).Header.Rcode);
    }

    [Fact]
    public void Ixfr_whose_authority_lacks_an_soa_for_the_zone_gets_formerr()
    {
        DnsZone zone = Make(1, 1);
        var soaData = new SoaRecordData(DnsName.Parse("ns1.example.com."), DnsName.Parse("hostmaster.example.com."), 0, 0, 0, 0, 0);
        DnsRecord[][] authorities =
        [
            [new DnsRecord(DnsName.Parse("example.org."), DnsClass.Internet, 0, soaData)],
            [new DnsRecord(Origin, DnsClass.Internet, 0, new NsRecordData(DnsName.Parse("ns1.example.com.")))],
        ];
        foreach (DnsRecord[] authority in authorities)
        {
            var query = new DnsMessage { Header = new DnsHeader { Id = 5 }, Questions = [new DnsQuestion(Origin, DnsType.IXFR)], Authority = authority };
            ZoneTransferResponse response = Tcp(query, zone);
            Assert.Equal(1, Assert.Single(Messages(response)).Header.Rcode);
            Assert.Equal(ZoneTransferKind.Error, response.Kind);
        }
    }

    [Theory]
    [InlineData(12u)]
    [InlineData(13u)]
    [InlineData(0x8000_0000u)] // 12 + 2^31 - 4: still ahead by RFC 1982
    public void Ixfr_from_a_client_as_new_or_newer_gets_our_soa_alone(uint serial)
    {
        var (_, v12, journal) = History();
        ZoneTransferResponse response = Tcp(Ixfr(serial), v12, journal);
        DnsMessage m = Assert.Single(Messages(response));
        Assert.Equal(ZoneTransferKind.SoaOnly, response.Kind);
        Assert.Equal(v12.Soa.ToString(), Assert.Single(m.Answers).ToString());
        Assert.True(m.Header.IsAuthoritative);
    }

    [Fact]
    public void Ixfr_in_the_journal_gets_the_incremental_format()
    {
        var (v10, v12, journal) = History();
        ZoneTransferResponse response = Tcp(Ixfr(10), v12, journal);
        List<DnsMessage> messages = Messages(response);
        Assert.Equal(ZoneTransferKind.Incremental, response.Kind);
        Assert.True(journal.TryGetChain(10, 12, out IReadOnlyList<ZoneDiff> chain));
        List<string> expected = [v12.Soa.ToString()];
        foreach (ZoneDiff diff in chain)
            expected.AddRange([diff.OldSoa.ToString(), .. Texts(diff.Deleted), diff.NewSoa.ToString(), .. Texts(diff.Added)]);
        expected.Add(v12.Soa.ToString());
        Assert.Equal(expected, Answers(messages));

        // Applying the sequence to version 10 gives version 12 exactly.
        List<DnsRecord> records = [.. messages.SelectMany(m => m.Answers)];
        var zone = new HashSet<string>(Texts(v10.Records).Where(t => !t.Contains(" SOA ")));
        bool deleting = false;
        foreach (DnsRecord record in records.Skip(1).SkipLast(1))
        {
            if (record.Type == DnsType.SOA)
                deleting = !deleting;
            else if (deleting)
                Assert.True(zone.Remove(record.ToString()), record.ToString());
            else
                Assert.True(zone.Add(record.ToString()), record.ToString());
        }
        Assert.Equal(new HashSet<string>(Texts(v12.Records).Where(t => !t.Contains(" SOA "))), zone);
        Assert.Contains(records, r => r.ToString().Contains("\"changed\""));
    }

    [Fact]
    public void Ixfr_from_a_serial_the_journal_lacks_gets_the_whole_zone()
    {
        var (_, v12, journal) = History();
        foreach (uint serial in new uint[] { 9, 0xFFFF_FFF0 })
        {
            ZoneTransferResponse response = Tcp(Ixfr(serial), v12, journal);
            Assert.Equal(ZoneTransferKind.Full, response.Kind);
            Assert.Equal([.. Texts(v12.Records), v12.Soa.ToString()], Answers(Messages(response)));
        }
        ZoneTransferResponse noJournal = Tcp(Ixfr(10), v12, null);
        Assert.Equal(ZoneTransferKind.Full, noJournal.Kind);
    }

    [Fact]
    public void Ixfr_over_udp_that_fits_is_sent_in_one_datagram()
    {
        var (_, v12, journal) = History();
        ZoneTransferResponse response = Udp(Ixfr(11), v12, journal);
        DnsMessage m = Assert.Single(Messages(response));
        Assert.Equal(ZoneTransferKind.Incremental, response.Kind);
        Assert.Equal(512, response.MaxUdpSize);
        Assert.True(m.Answers.Count > 2);
        Assert.False(m.Header.IsTruncated);
    }

    [Fact]
    public void Ixfr_over_udp_that_does_not_fit_gets_our_soa_alone()
    {
        DnsZone big = Make(20, 200);
        ZoneTransferResponse response = Udp(Ixfr(19, edns: new DnsEdns { UdpPayloadSize = 4096 }), big, new ZoneJournal(Origin));
        byte[] buffer = new byte[65535];
        Assert.True(response.TryWriteNext(buffer, out int length));
        Assert.True(length <= 1232);
        Assert.False(response.TryWriteNext(buffer, out _));
        DnsMessage m = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.Equal(ZoneTransferKind.SoaOnly, response.Kind);
        Assert.Equal(big.Soa.ToString(), Assert.Single(m.Answers).ToString());
        Assert.Single(m.Questions);
        Assert.NotNull(m.Edns);
    }
}

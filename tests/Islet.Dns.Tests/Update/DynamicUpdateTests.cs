using System.Net;
using Islet.Dns.Update;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Update.UpdateMessages;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Update;

public sealed class DynamicUpdateTests
{
    private static DynamicUpdateResult Apply(DnsMessage message, DnsZone? zone = null) =>
        DynamicUpdate.Apply(ViaWire(message), zone ?? SampleZone());

    [Fact]
    public void Adding_a_record_creates_a_new_version_with_the_serial_bumped()
    {
        DnsZone zone = SampleZone();
        DynamicUpdateResult result = Apply(UpdateOf([AddA("new", "192.0.2.77")]), zone);
        Assert.Equal(UpdateRcode.NoError, result.Rcode);
        Assert.True(result.Changed);
        Assert.Single(result.NewZone!.GetRRset(N("new"), DnsType.A));
        Assert.Equal(101u, Serial(result.NewZone));
        Assert.Equal(100u, result.Diff!.FromSerial);
        Assert.Equal(101u, result.Diff.ToSerial);
        Assert.Equal("new.example.org. 300 IN A 192.0.2.77", Assert.Single(result.Diff.Added).ToString());
        Assert.Empty(result.Diff.Deleted);
        Assert.Empty(zone.GetRRset(N("new"), DnsType.A));
    }

    [Fact]
    public void Adding_to_an_rrset_gives_it_the_new_ttl_and_duplicates_change_nothing()
    {
        DynamicUpdateResult result = Apply(UpdateOf([AddA("www", "192.0.2.12", 600)]));
        Assert.All(result.NewZone!.GetRRset(N("www"), DnsType.A), r => Assert.Equal(600u, r.Ttl));
        Assert.Equal(3, result.NewZone.GetRRset(N("www"), DnsType.A).Count);
        DynamicUpdateResult same = Apply(UpdateOf([AddA("www", "192.0.2.10")]));
        Assert.Equal(UpdateRcode.NoError, same.Rcode);
        Assert.False(same.Changed);
    }

    [Fact]
    public void Delete_rrset_delete_name_and_delete_one_rr()
    {
        DnsZone rrset = Apply(UpdateOf([AnyOf("www", DnsType.A)])).NewZone!;
        Assert.Empty(rrset.GetRRset(N("www"), DnsType.A));
        Assert.Single(rrset.GetRRset(N("www"), DnsType.TXT));
        DnsZone name = Apply(UpdateOf([AnyOf("www", DnsType.ANY)])).NewZone!;
        Assert.Empty(name.GetTypes(N("www")));
        DnsZone one = Apply(UpdateOf([DeleteA("www", "192.0.2.10")])).NewZone!;
        Assert.Equal("192.0.2.11", ((ARecordData)Assert.Single(one.GetRRset(N("www"), DnsType.A)).Data).ToString());
    }

    [Fact]
    public void Apex_soa_and_ns_survive_delete_all_and_delete_rrset()
    {
        DynamicUpdateResult all = Apply(UpdateOf([AnyOf("@", DnsType.ANY), AnyOf("@", DnsType.NS), AnyOf("@", DnsType.SOA)]));
        Assert.False(all.Changed);
        DnsZone zone = SampleZone();
        var ns1 = new DnsRecord(Origin, DnsClass.None, 0, new NsRecordData(N("ns1")));
        var ns2 = new DnsRecord(Origin, DnsClass.None, 0, new NsRecordData(DnsName.Parse("ns2.example.net.")));
        DnsZone after = Apply(UpdateOf([ns1, ns2]), zone).NewZone!;
        NsRecordData left = (NsRecordData)Assert.Single(after.GetRRset(Origin, DnsType.NS)).Data;
        Assert.Equal(DnsName.Parse("ns2.example.net."), left.Target);
    }

    [Fact]
    public void Soa_is_replaced_only_by_a_greater_serial_and_then_not_bumped_again()
    {
        SoaRecordData old = (SoaRecordData)SampleZone().Soa.Data;
        DnsRecord Soa(uint serial) => new(Origin, DnsClass.Internet, 300, new SoaRecordData(old.PrimaryServer, old.ResponsibleMailbox, serial, 1, 2, 3, 4));
        Assert.False(Apply(UpdateOf([Soa(99)])).Changed);
        Assert.False(Apply(UpdateOf([Soa(100 + 0x8000_0000u)])).Changed);
        DnsZone newer = Apply(UpdateOf([Soa(500)])).NewZone!;
        Assert.Equal(500u, Serial(newer));
        Assert.Equal(1u, ((SoaRecordData)newer.Soa.Data).Refresh);
        DnsZone wrapped = Apply(UpdateOf([Soa(5)]), Apply(UpdateOf([Soa(0xE000_0000)]), Apply(UpdateOf([Soa(0x7000_0000)])).NewZone!).NewZone!).NewZone!;
        Assert.Equal(5u, Serial(wrapped));
    }

    [Fact]
    public void Serial_increment_wraps_per_rfc_1982()
    {
        string text = Text.Replace(" 100 3600", " 4294967295 3600", StringComparison.Ordinal);
        DnsZone zone = DnsZone.Load(text, Origin);
        Assert.Equal(0u, Serial(Apply(UpdateOf([AddA("new", "192.0.2.1")]), zone).NewZone!));
    }

    [Fact]
    public void Cname_conflicts_are_ignored()
    {
        Assert.False(Apply(UpdateOf([AddA("alias", "192.0.2.5")])).Changed);
        Assert.False(Apply(UpdateOf([Add("www", 300, new CNameRecordData(N("alias")))])).Changed);
        DnsZone replaced = Apply(UpdateOf([Add("alias", 300, new CNameRecordData(N("ns1")))])).NewZone!;
        Assert.Equal(N("ns1"), ((CNameRecordData)Assert.Single(replaced.GetRRset(N("alias"), DnsType.CNAME)).Data).Target);
    }

    [Fact]
    public void Removing_needed_glue_is_refused_and_nothing_changes()
    {
        DynamicUpdateResult result = Apply(UpdateOf([AnyOf("ns1", DnsType.A)]));
        Assert.Equal(UpdateRcode.Refused, result.Rcode);
        Assert.Null(result.NewZone);
        Assert.Contains("glue", result.Reason);
    }

    [Fact]
    public void Adding_data_below_a_zone_cut_is_refused()
    {
        Assert.Equal(UpdateRcode.Refused, Apply(UpdateOf([AddA("x.sub", "192.0.2.9")])).Rcode);
    }

    [Fact]
    public void An_update_is_all_or_nothing()
    {
        DynamicUpdateResult result = Apply(UpdateOf([AddA("fine", "192.0.2.1"), AddA("outside.example.com.", "192.0.2.2")]));
        Assert.Equal(UpdateRcode.NotZone, result.Rcode);
        Assert.False(result.Changed);
    }

    [Theory]
    [InlineData("example.com.", UpdateRcode.NotAuth)]
    [InlineData("www.example.org.", UpdateRcode.NotAuth)]
    public void Zone_section_must_name_the_zone(string zone, UpdateRcode rcode) =>
        Assert.Equal(rcode, Apply(UpdateOf([AddA("new", "192.0.2.1")], zone: zone)).Rcode);

    [Fact]
    public void Zone_section_must_be_one_soa_entry()
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Opcode = 5 },
            Questions = [new DnsQuestion(Origin, DnsType.SOA), new DnsQuestion(Origin, DnsType.SOA)],
        };
        Assert.Equal(UpdateRcode.FormErr, Apply(message).Rcode);
        var notSoa = new DnsMessage { Header = new DnsHeader { Opcode = 5 }, Questions = [new DnsQuestion(Origin, DnsType.A)] };
        Assert.Equal(UpdateRcode.FormErr, Apply(notSoa).Rcode);
        Assert.Equal(UpdateRcode.NotImp, Apply(new DnsMessage { Questions = [new DnsQuestion(Origin, DnsType.SOA)] }).Rcode);
    }

    public static TheoryData<DnsRecord, UpdateRcode> Prerequisites => new()
    {
        { AnyOf("www", DnsType.ANY), UpdateRcode.NoError },
        { AnyOf("nope", DnsType.ANY), UpdateRcode.NxDomain },
        { AnyOf("www", DnsType.TXT), UpdateRcode.NoError },
        { AnyOf("www", DnsType.MX), UpdateRcode.NxRRset },
        { NoneOf("nope", DnsType.ANY), UpdateRcode.NoError },
        { NoneOf("www", DnsType.ANY), UpdateRcode.YxDomain },
        { NoneOf("www", DnsType.MX), UpdateRcode.NoError },
        { NoneOf("www", DnsType.A), UpdateRcode.YxRRset },
        { AddA("ns1", "192.0.2.1", 0), UpdateRcode.NoError },
        { AddA("ns1", "192.0.2.2", 0), UpdateRcode.NxRRset },
        { AddA("outside.example.com.", "192.0.2.1", 0), UpdateRcode.NotZone },
        { AddA("ns1", "192.0.2.1", 5), UpdateRcode.FormErr },
        { new DnsRecord(N("www"), DnsClass.Any, 0, new ARecordData(IPAddress.Loopback)), UpdateRcode.FormErr },
        { new DnsRecord(N("www"), DnsClass.Chaos, 0, new ARecordData(IPAddress.Loopback)), UpdateRcode.FormErr },
    };

    [Theory]
    [MemberData(nameof(Prerequisites))]
    public void Prerequisites_of_rfc_2136_section_2_4(DnsRecord prerequisite, UpdateRcode expected)
    {
        DynamicUpdateResult result = Apply(UpdateOf([AddA("new", "192.0.2.1")], [prerequisite]));
        Assert.Equal(expected, result.Rcode);
        Assert.Equal(expected == UpdateRcode.NoError, result.Changed);
    }

    [Fact]
    public void Value_dependent_prerequisite_compares_whole_rrsets()
    {
        Assert.Equal(UpdateRcode.NoError, Apply(UpdateOf([AddA("new", "192.0.2.1")], [AddA("www", "192.0.2.11", 0), AddA("www", "192.0.2.10", 0)])).Rcode);
        Assert.Equal(UpdateRcode.NxRRset, Apply(UpdateOf([AddA("new", "192.0.2.1")], [AddA("www", "192.0.2.10", 0)])).Rcode);
    }

    public static TheoryData<DnsRecord> MalformedUpdates => new()
    {
        AnyOf("www", DnsType.AXFR),
        new DnsRecord(N("www"), DnsClass.Any, 5, new UnknownRecordData(DnsType.A, [])),
        new DnsRecord(N("www"), DnsClass.Any, 0, new ARecordData(IPAddress.Loopback)),
        new DnsRecord(N("www"), DnsClass.None, 3, new ARecordData(IPAddress.Loopback)),
        NoneOf("www", DnsType.ANY),
        new DnsRecord(N("www"), DnsClass.Internet, 300, new UnknownRecordData(DnsType.A, [])),
        new DnsRecord(N("www"), DnsClass.Internet, 300, new UnknownRecordData(DnsType.ANY, [])),
        new DnsRecord(N("www"), DnsClass.Chaos, 300, new ARecordData(IPAddress.Loopback)),
    };

    [Theory]
    [MemberData(nameof(MalformedUpdates))]
    public void Prescan_rejects_malformed_updates(DnsRecord update)
    {
        DynamicUpdateResult result = Apply(UpdateOf([AddA("new", "192.0.2.1"), update]));
        Assert.Equal(UpdateRcode.FormErr, result.Rcode);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Add_then_delete_in_one_update_changes_nothing()
    {
        Assert.False(Apply(UpdateOf([AddA("new", "192.0.2.1"), AnyOf("new", DnsType.ANY)])).Changed);
    }
}

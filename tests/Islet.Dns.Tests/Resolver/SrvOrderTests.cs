using Islet.Dns.Resolver.Internal;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Resolver;

/// <summary>RFC 2782's order of SRV targets: by priority, then weighted random.</summary>
public sealed class SrvOrderTests
{
    private static SrvRecordData Srv(ushort priority, ushort weight, string target) => new(priority, weight, 1, DnsName.Parse(target));

    [Fact]
    public void Lower_priorities_come_first_whatever_the_weights()
    {
        var random = new Random(1);
        List<SrvRecordData> ordered = SrvOrder.Order([Srv(20, 100, "c."), Srv(10, 0, "a."), Srv(30, 1, "d."), Srv(10, 50, "b.")], random.Next);
        Assert.Equal([10, 10, 20, 30], ordered.Select(s => (int)s.Priority));
    }

    [Fact]
    public void Within_a_priority_each_target_is_picked_first_in_proportion_to_its_weight()
    {
        var random = new Random(2782);
        SrvRecordData[] records = [Srv(0, 10, "light."), Srv(0, 30, "heavy."), Srv(0, 0, "zero.")];
        var firsts = new Dictionary<string, int> { ["light."] = 0, ["heavy."] = 0, ["zero."] = 0 };
        for (int i = 0; i < 41_000; i++)
            firsts[SrvOrder.Order(records, random.Next)[0].Target.ToString()]++;
        // Sum 40, pick in 0..40: zero wins on 0 (1/41), light on 1..10 (10/41), heavy on 11..40 (30/41).
        Assert.InRange(firsts["zero."], 700, 1_300);
        Assert.InRange(firsts["light."], 9_000, 11_000);
        Assert.InRange(firsts["heavy."], 29_000, 31_000);
    }

    [Fact]
    public void Every_record_appears_once()
    {
        SrvRecordData[] records = [Srv(1, 0, "a."), Srv(1, 0, "b."), Srv(1, 5, "c."), Srv(2, 7, "d.")];
        List<SrvRecordData> ordered = SrvOrder.Order(records, bound => bound - 1);
        Assert.Equal(records.Length, ordered.Distinct().Count());
        Assert.Equal("c.", ordered[0].Target.ToString()); // the highest pick lands on the last, weighted record
    }
}

using System.Net;
using Islet.Dns.Update;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using static Islet.Dns.Tests.Update.UpdateMessages;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Update;

/// <summary>Random sequences of updates, checking the invariants every result must keep.</summary>
public sealed class DynamicUpdateRandomTests
{
    private static readonly string[] s_names = ["@", "www", "ns1", "alias", "a", "b", "c.b", "sub", "ns.sub", "x.sub"];

    private static DnsRecord RandomUpdate(Random random)
    {
        string name = s_names[random.Next(s_names.Length)];
        return random.Next(7) switch
        {
            0 or 1 => AddA(name, $"192.0.2.{random.Next(1, 5)}", (uint)(random.Next(2) * 300 + 300)),
            2 => Add(name, 300, new TxtRecordData($"t{random.Next(3)}")),
            3 => Add(name, 300, new CNameRecordData(N(s_names[random.Next(s_names.Length)]))),
            4 => AnyOf(name, random.Next(3) switch { 0 => DnsType.ANY, 1 => DnsType.A, _ => DnsType.NS }),
            5 => DeleteA(name, $"192.0.2.{random.Next(1, 5)}"),
            _ => Add(name, 300, new NsRecordData(N($"ns{random.Next(1, 3)}"))),
        };
    }

    private static HashSet<string> Keys(IEnumerable<DnsRecord> records) =>
        [.. records.Where(r => r.Type != DnsType.SOA).Select(r => r.ToString().ToLowerInvariant())];

    [Fact]
    public void Random_updates_keep_the_zone_valid_the_diff_exact_and_the_serial_rising()
    {
        var random = new Random(1982);
        DnsZone zone = SampleZone();
        int changes = 0, refusals = 0;
        for (int n = 0; n < 3000; n++)
        {
            var updates = new List<DnsRecord>();
            int count = random.Next(1, 4);
            for (int i = 0; i < count; i++)
                updates.Add(RandomUpdate(random));
            DynamicUpdateResult result = DynamicUpdate.Apply(ViaWire(UpdateOf(updates)), zone);
            Assert.True(result.Rcode is UpdateRcode.NoError or UpdateRcode.Refused, $"{result.Rcode}: {result.Reason}");
            if (result.Rcode == UpdateRcode.Refused)
            {
                refusals++;
                Assert.False(result.Changed);
                continue;
            }
            if (!result.Changed)
                continue;
            changes++;
            DnsZone next = result.NewZone!;
            ZoneDiff diff = result.Diff!;
            Assert.Equal(((SoaRecordData)zone.Soa.Data).Serial + 1, ((SoaRecordData)next.Soa.Data).Serial);
            HashSet<string> expected = Keys(zone.Records);
            expected.ExceptWith(Keys(diff.Deleted));
            expected.UnionWith(Keys(diff.Added));
            Assert.True(expected.SetEquals(Keys(next.Records)));
            Assert.NotEmpty(next.GetRRset(Origin, DnsType.NS));
            // The new version is a valid zone by the file loader's rules too.
            DnsZone reloaded = DnsZone.Load(ZoneFileWriter.Write(next), Origin);
            Assert.True(Keys(reloaded.Records).SetEquals(Keys(next.Records)));
            zone = next;
        }
        Assert.True(changes > 300, $"only {changes} changes");
        Assert.True(refusals > 10, $"only {refusals} refusals");
    }
}

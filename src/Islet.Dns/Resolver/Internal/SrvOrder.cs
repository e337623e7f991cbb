using Islet.Dns.Wire;

namespace Islet.Dns.Resolver.Internal;

/// <summary>The order in which to try SRV targets (RFC 2782, "Usage rules"): lowest priority first;
/// within a priority, repeatedly pick one at random with probability proportional to its weight,
/// zero-weight records placed first so they get a small chance.</summary>
internal static class SrvOrder
{
    /// <summary>Orders <paramref name="records"/>; <paramref name="randomBelow"/> returns a uniform
    /// integer in [0, bound).</summary>
    internal static List<SrvRecordData> Order(IEnumerable<SrvRecordData> records, Func<int, int> randomBelow)
    {
        var ordered = new List<SrvRecordData>();
        foreach (IGrouping<ushort, SrvRecordData> group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            List<SrvRecordData> left = [.. group.Where(r => r.Weight == 0), .. group.Where(r => r.Weight != 0)];
            while (left.Count > 0)
            {
                int total = left.Sum(r => r.Weight);
                int pick = randomBelow(total + 1); // 0..total inclusive, as the RFC says
                int index = 0;
                for (int running = left[0].Weight; running < pick; running += left[++index].Weight) { }
                ordered.Add(left[index]);
                left.RemoveAt(index);
            }
        }
        return ordered;
    }
}

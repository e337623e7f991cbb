using FsCheck.Fluent;
using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

public class CounterMergeTests
{
    private static readonly FsCheck.Gen<long> s_long = Gen.Choose(-1000, 1000).SelectMany(a => Gen.Choose(0, 3).Select(k => k == 0 ? long.MaxValue - a : (long)a * 1_000_003));

    private static Counter M(Counter? a, Counter o, Counter t) =>
        Counter.Merger.Merge(a is { } x ? x : Optional<Counter>.None, o, t).Value;

    [Fact]
    public void Merge_adds_both_sides_deltas()
    {
        Assert.Equal(new Counter(15), M(new Counter(10), new Counter(12), new Counter(13)));
        Assert.Equal(new Counter(25), M(null, new Counter(12), new Counter(13)));
    }

    [Fact]
    public void Merge_is_commutative_and_has_identity() =>
        PropertyCheck.ForAll(Gen.Three(s_long), v =>
        {
            var (a, x, y) = (new Counter(v.Item1), new Counter(v.Item2), new Counter(v.Item3));
            return M(a, x, y) == M(a, y, x) && M(a, a, x) == x && M(a, x, a) == x;
        });

    /// <summary>
    /// Counters are not idempotent on purpose: two branches that both added d from a are two
    /// additions, so merge(a, x, x) = x + (x − a); only merge(x, x, x) = x.
    /// </summary>
    [Fact]
    public void Merging_equal_sides_counts_both_increments() =>
        PropertyCheck.ForAll(Gen.Two(s_long), v =>
        {
            var (a, x) = (new Counter(v.Item1), new Counter(v.Item2));
            return M(a, x, x) == x.Add(unchecked(x.Value - a.Value)) && M(x, x, x) == x;
        });

    [Fact]
    public void Three_concurrent_branches_converge_in_either_order() =>
        PropertyCheck.ForAll(Gen.Four(s_long), v =>
        {
            var a = new Counter(v.Item1);
            Counter b1 = a.Add(v.Item2), b2 = a.Add(v.Item3), b3 = a.Add(v.Item4);
            Counter left = M(a, M(a, b1, b2), b3);
            Counter right = M(a, b1, M(a, b2, b3));
            return left == right && left == a.Add(unchecked(v.Item2 + v.Item3 + v.Item4));
        });

    [Fact]
    public void Codec_round_trips() =>
        PropertyCheck.ForAll(s_long, v => Counter.Decode(new Counter(v).Encode()) == new Counter(v));
}

using FsCheck.Fluent;
using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

public class LogMergeTests
{
    private static readonly FsCheck.Gen<(int, int)[]> s_appends = Gen.ArrayOf(Gen.Two(Gen.Choose(0, 5)));

    private static readonly IMerge<MergeableLog<int>> s_merge = MergeableLog<int>.Merger;

    private static MergeableLog<int> Append(MergeableLog<int> log, IEnumerable<(int Time, int Value)> entries) =>
        entries.Aggregate(log, (acc, e) => acc.Append(e.Time, e.Value));

    private static MergeableLog<int> M(MergeableLog<int> a, MergeableLog<int> x, MergeableLog<int> y) => s_merge.Merge(a, x, y).Value;

    [Fact]
    public void Merge_interleaves_new_entries_by_timestamp()
    {
        MergeableLog<string> a = MergeableLog<string>.Empty.Append(1, "a");
        MergeableLog<string> r = MergeableLog<string>.Merger.Merge(a, a.Append(5, "ours").Append(2, "o2"), a.Append(3, "theirs")).Value;
        Assert.Equal(["a", "o2", "theirs", "ours"], r.Select(e => e.Value));
    }

    [Fact]
    public void Merge_is_idempotent_commutative_and_has_identity() =>
        PropertyCheck.ForAll(Gen.Three(s_appends), v =>
        {
            MergeableLog<int> a = Append(MergeableLog<int>.Empty, v.Item1), x = Append(a, v.Item2), y = Append(a, v.Item3);
            return M(a, x, x).Equals(x) && M(a, x, y).Equals(M(a, y, x)) && M(a, a, x).Equals(x) && M(a, x, a).Equals(x);
        });

    [Fact]
    public void Result_is_the_ancestor_plus_both_sides_new_entries() =>
        PropertyCheck.ForAll(Gen.Three(s_appends), v =>
        {
            MergeableLog<int> a = Append(MergeableLog<int>.Empty, v.Item1);
            var theirs = v.Item3.Select(e => (e.Item1, e.Item2 + 100)).ToArray();
            return M(a, Append(a, v.Item2), Append(a, theirs)).Equals(Append(Append(a, v.Item2), theirs));
        });

    [Fact]
    public void Three_concurrent_branches_converge_in_either_order() =>
        PropertyCheck.ForAll(Gen.Four(s_appends), v =>
        {
            MergeableLog<int> a = Append(MergeableLog<int>.Empty, v.Item1), b1 = Append(a, v.Item2), b2 = Append(a, v.Item3), b3 = Append(a, v.Item4);
            return M(a, M(a, b1, b2), b3).Equals(M(a, b1, M(a, b2, b3)));
        });

    [Fact]
    public void A_side_that_lost_ancestor_entries_conflicts()
    {
        MergeableLog<int> a = MergeableLog<int>.Empty.Append(1, 1);
        Assert.False(s_merge.Merge(a, MergeableLog<int>.Empty, a.Append(2, 2)).IsOk);
    }

    [Fact]
    public void Codec_round_trips() =>
        PropertyCheck.ForAll(Gen.ArrayOf(Gen.Two(PropertyCheck.Text)), entries =>
        {
            MergeableLog<string> log = entries.Aggregate(MergeableLog<string>.Empty, (acc, e) => acc.Append(e.Item1.Length - 3, e.Item2));
            byte[] bytes = log.Encode(ByteCodecs.String);
            return MergeableLog<string>.Decode(bytes, ByteCodecs.String).Equals(log);
        });
}

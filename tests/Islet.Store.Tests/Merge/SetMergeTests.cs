using FsCheck.Fluent;
using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

public class SetMergeTests
{
    /// <summary>An edit script: v &lt; 10 adds v, otherwise removes v − 10.</summary>
    private static readonly FsCheck.Gen<int[]> s_ops = Gen.ArrayOf(Gen.Choose(0, 19));

    private static MergeableSet<int> Apply(MergeableSet<int> s, int[] ops) =>
        ops.Aggregate(s, (acc, v) => v < 10 ? acc.Add(v) : acc.Remove(v - 10));

    private static MergeableSet<int> M(MergeableSet<int> a, MergeableSet<int> o, MergeableSet<int> t) =>
        MergeableSet<int>.Merger.Merge(a, o, t).Value;

    [Fact]
    public void Merge_applies_both_sides_additions_and_removals()
    {
        var a = MergeableSet<int>.Of([1, 2, 3]);
        Assert.Equal(MergeableSet<int>.Of([2, 4, 5]), M(a, a.Remove(1).Add(4), a.Remove(3).Add(5)));
        Assert.Equal(MergeableSet<int>.Of([1, 2]), MergeableSet<int>.Merger.Merge(Optional<MergeableSet<int>>.None, MergeableSet<int>.Of([1]), MergeableSet<int>.Of([2])).Value);
    }

    [Fact]
    public void Merge_is_idempotent_commutative_and_has_identity() =>
        PropertyCheck.ForAll(Gen.Three(s_ops), v =>
        {
            MergeableSet<int> a = Apply(MergeableSet<int>.Empty, v.Item1), x = Apply(a, v.Item2), y = Apply(a, v.Item3);
            return M(a, x, x).Equals(x) && M(a, x, y).Equals(M(a, y, x)) && M(a, a, x).Equals(x) && M(a, x, a).Equals(x);
        });

    [Fact]
    public void Result_is_the_ancestor_with_both_sides_changes() =>
        PropertyCheck.ForAll(Gen.Three(s_ops), v =>
        {
            MergeableSet<int> a = Apply(MergeableSet<int>.Empty, v.Item1), x = Apply(a, v.Item2), y = Apply(a, v.Item3);
            var expected = a.Where(e => x.Contains(e) && y.Contains(e)).Concat(x.Where(e => !a.Contains(e))).Concat(y.Where(e => !a.Contains(e)));
            return M(a, x, y).Equals(MergeableSet<int>.Of(expected));
        });

    [Fact]
    public void Three_concurrent_branches_converge_in_either_order() =>
        PropertyCheck.ForAll(Gen.Four(s_ops), v =>
        {
            MergeableSet<int> a = Apply(MergeableSet<int>.Empty, v.Item1), b1 = Apply(a, v.Item2), b2 = Apply(a, v.Item3), b3 = Apply(a, v.Item4);
            return M(a, M(a, b1, b2), b3).Equals(M(a, b1, M(a, b2, b3)));
        });

    [Fact]
    public void Codec_round_trips_and_is_canonical() =>
        PropertyCheck.ForAll(Gen.ArrayOf(PropertyCheck.Text), items =>
        {
            MergeableSet<string> s = MergeableSet<string>.Of(items);
            byte[] bytes = s.Encode(ByteCodecs.String);
            MergeableSet<string> back = MergeableSet<string>.Decode(bytes, ByteCodecs.String);
            return back.Equals(s) && back.Encode(ByteCodecs.String).AsSpan().SequenceEqual(bytes)
                && MergeableSet<string>.Of(items.Reverse()).Encode(ByteCodecs.String).AsSpan().SequenceEqual(bytes);
        });

    [Fact]
    public void Decode_rejects_unsorted_elements()
    {
        byte[] bytes = MergeableSet<long>.Of([1, 2]).Encode(ByteCodecs.Int64);
        (bytes[5], bytes[13]) = (bytes[13], bytes[5]);
        Assert.Throws<MergeFormatException>(() => MergeableSet<long>.Decode(bytes, ByteCodecs.Int64));
    }
}

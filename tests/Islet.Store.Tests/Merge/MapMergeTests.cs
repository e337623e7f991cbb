using FsCheck.Fluent;
using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

public class MapMergeTests
{
    /// <summary>An edit script of (key, v): v = 0 removes the key, otherwise sets it to v.</summary>
    private static readonly FsCheck.Gen<(int, int)[]> s_ops = Gen.ArrayOf(Gen.Two(PropertyCheck.Small));

    private static readonly IMerge<MergeableMap<int, int>> s_merge = MergeableMap<int, int>.Merger(Islet.Store.Merge.Merges.Default<int>());

    private static MergeableMap<int, int> Apply(MergeableMap<int, int> m, IEnumerable<(int Key, int Value)> ops) =>
        ops.Aggregate(m, (acc, op) => op.Value == 0 ? acc.Remove(op.Key) : acc.SetItem(op.Key, op.Value));

    [Fact]
    public void Merge_is_idempotent_and_has_identity() =>
        PropertyCheck.ForAll(Gen.Three(s_ops), v =>
        {
            MergeableMap<int, int> a = Apply(MergeableMap<int, int>.Empty, v.Item1), x = Apply(a, v.Item2);
            return s_merge.Merge(a, x, x).Value.Equals(x) && s_merge.Merge(a, a, x).Value.Equals(x) && s_merge.Merge(a, x, a).Value.Equals(x);
        });

    /// <summary>
    /// Commutative up to naming: when values conflict both orders conflict at the same keys, with
    /// ours and theirs swapped; otherwise both orders give the same map.
    /// </summary>
    [Fact]
    public void Merge_is_commutative_with_conflicts_mirrored() =>
        PropertyCheck.ForAll(Gen.Three(s_ops), v =>
        {
            MergeableMap<int, int> a = Apply(MergeableMap<int, int>.Empty, v.Item1), x = Apply(a, v.Item2), y = Apply(a, v.Item3);
            MergeResult<MergeableMap<int, int>> xy = s_merge.Merge(a, x, y), yx = s_merge.Merge(a, y, x);
            if (xy.IsOk != yx.IsOk)
            {
                return false;
            }

            return xy.IsOk
                ? xy.Value.Equals(yx.Value)
                : xy.Conflict!.Items.Select(i => (string.Join("/", i.Path), i.Ancestor, i.Ours, i.Theirs))
                    .SequenceEqual(yx.Conflict!.Items.Select(i => (string.Join("/", i.Path), i.Ancestor, i.Theirs, i.Ours)));
        });

    [Fact]
    public void Result_applies_both_sides_changes_to_disjoint_keys() =>
        PropertyCheck.ForAll(Gen.Three(s_ops), v =>
        {
            MergeableMap<int, int> a = Apply(MergeableMap<int, int>.Empty, v.Item1);
            var oursOps = v.Item2.Select(op => (op.Item1 * 2, op.Item2)).ToArray();
            var theirsOps = v.Item3.Select(op => (op.Item1 * 2 + 1, op.Item2)).ToArray();
            return s_merge.Merge(a, Apply(a, oursOps), Apply(a, theirsOps)).Value.Equals(Apply(Apply(a, oursOps), theirsOps));
        });

    [Fact]
    public void Maps_of_counters_converge_and_add_per_key() =>
        PropertyCheck.ForAll(Gen.Four(s_ops), v =>
        {
            IMerge<MergeableMap<int, Counter>> merge = MergeableMap<int, Counter>.Merger(Counter.Merger);
            static MergeableMap<int, Counter> Add(MergeableMap<int, Counter> m, (int Key, int Delta)[] ops) =>
                ops.Aggregate(m, (acc, op) => acc.SetItem(op.Key, (acc.TryGetValue(op.Key, out Counter c) ? c : default).Add(op.Delta)));
            MergeableMap<int, Counter> a = Add(MergeableMap<int, Counter>.Empty, v.Item1);
            MergeableMap<int, Counter> b1 = Add(a, v.Item2), b2 = Add(a, v.Item3), b3 = Add(a, v.Item4);
            MergeableMap<int, Counter> left = merge.Merge(a, merge.Merge(a, b1, b2).Value, b3).Value;
            MergeableMap<int, Counter> right = merge.Merge(a, b1, merge.Merge(a, b2, b3).Value).Value;
            return left.Equals(right) && left.Equals(Add(a, [.. v.Item2, .. v.Item3, .. v.Item4]));
        });

    [Fact]
    public void Conflicting_key_is_reported_with_base_ours_and_theirs()
    {
        var a = MergeableMap<string, string>.Empty.SetItem("k", "base").SetItem("gone", "g").SetItem("same", "s");
        var ours = a.SetItem("k", "ours").Remove("gone").SetItem("same", "s2");
        var theirs = a.SetItem("k", "theirs").SetItem("gone", "changed");
        MergeResult<MergeableMap<string, string>> r = MergeableMap<string, string>.Merger(Islet.Store.Merge.Merges.Default<string>()).Merge(a, ours, theirs);

        Assert.False(r.IsOk);
        Assert.Collection(
            r.Conflict!.Items,
            gone =>
            {
                Assert.Equal(["gone"], gone.Path);
                Assert.Equal(("g", (object?)null, "changed"), (gone.Ancestor, gone.Ours, gone.Theirs));
            },
            k =>
            {
                Assert.Equal(["k"], k.Path);
                Assert.Equal(("base", "ours", "theirs"), (k.Ancestor, k.Ours, k.Theirs));
            });
    }

    [Fact]
    public void Nested_conflicts_carry_the_full_path()
    {
        IMerge<MergeableMap<string, string>> inner = MergeableMap<string, string>.Merger(Islet.Store.Merge.Merges.Default<string>());
        IMerge<MergeableMap<string, MergeableMap<string, string>>> outer = MergeableMap<string, MergeableMap<string, string>>.Merger(inner);
        var a = MergeableMap<string, MergeableMap<string, string>>.Empty.SetItem("dir", MergeableMap<string, string>.Empty.SetItem("file", "0"));
        var ours = a.SetItem("dir", a["dir"].SetItem("file", "1"));
        var theirs = a.SetItem("dir", a["dir"].SetItem("file", "2"));

        MergeConflictItem item = Assert.Single(outer.Merge(a, ours, theirs).Conflict!.Items);
        Assert.Equal(["dir", "file"], item.Path);
        Assert.Equal(("0", "1", "2"), (item.Ancestor, item.Ours, item.Theirs));
    }

    [Fact]
    public void Codec_round_trips_and_is_canonical() =>
        PropertyCheck.ForAll(Gen.ArrayOf(Gen.Two(PropertyCheck.Text)), pairs =>
        {
            MergeableMap<string, long> m = pairs.Aggregate(MergeableMap<string, long>.Empty, (acc, p) => acc.SetItem(p.Item1, p.Item2.Length));
            byte[] bytes = m.Encode(ByteCodecs.String, ByteCodecs.Int64);
            MergeableMap<string, long> back = MergeableMap<string, long>.Decode(bytes, ByteCodecs.String, ByteCodecs.Int64);
            return back.Equals(m) && back.Encode(ByteCodecs.String, ByteCodecs.Int64).AsSpan().SequenceEqual(bytes);
        });
}

using FsCheck.Fluent;
using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

public class QueueMergeTests
{
    /// <summary>A side's edit: pop this many (stopping when empty), then push these.</summary>
    private static readonly FsCheck.Gen<(int Pops, int[] Pushes)> s_edit = Gen.Two(Gen.Choose(0, 6)).SelectMany(p => PropertyCheck.SmallArray.Select(xs => (p.Item1 * p.Item2 % 7, xs)));

    private static readonly IMerge<MergeableQueue<int>> s_merge = MergeableQueue<int>.Merger;

    private static MergeableQueue<int> Edit(MergeableQueue<int> q, (int Pops, int[] Pushes) edit)
    {
        for (int i = 0; i < edit.Pops && q.TryPop(out _, out q); i++)
        {
        }

        return edit.Pushes.Aggregate(q, (acc, x) => acc.Push(x));
    }

    private static MergeableQueue<int> M(MergeableQueue<int> a, MergeableQueue<int> x, MergeableQueue<int> y) => s_merge.Merge(a, x, y).Value;

    [Fact]
    public void Concurrent_pops_of_the_head_remove_it_once()
    {
        MergeableQueue<int> a = MergeableQueue<int>.Of([1, 2, 3]);
        Assert.True(a.TryPop(out int head, out MergeableQueue<int> popped));
        Assert.Equal(1, head);
        Assert.Equal([2, 3, 10, 20], M(a, popped.Push(10), popped.Push(20)));
    }

    [Fact]
    public void Merge_is_idempotent_commutative_and_has_identity() =>
        PropertyCheck.ForAll(Gen.Three(s_edit), v =>
        {
            MergeableQueue<int> a = Edit(MergeableQueue<int>.Empty, v.Item1), x = Edit(a, v.Item2), y = Edit(a, v.Item3);
            return M(a, x, x).Equals(x) && M(a, x, y).Equals(M(a, y, x)) && M(a, a, x).Equals(x) && M(a, x, a).Equals(x);
        });

    /// <summary>With distinguishable pushes: the ancestor minus the longer run of pops, then ours, then theirs.</summary>
    [Fact]
    public void Keeps_every_element_pushed_by_either_side_and_popped_by_neither() =>
        PropertyCheck.ForAll(Gen.Three(s_edit), v =>
        {
            MergeableQueue<int> a = MergeableQueue<int>.Of(Enumerable.Range(0, v.Item1.Pushes.Length));
            var ours = (v.Item2.Pops, v.Item2.Pushes.Select((x, i) => 1000 + i).ToArray());
            var theirs = (v.Item3.Pops, v.Item3.Pushes.Select((x, i) => 2000 + i).ToArray());
            int popped = Math.Min(a.Count, Math.Max(ours.Pops, theirs.Pops));
            IEnumerable<int> expected = a.Skip(popped).Concat(ours.Item2).Concat(theirs.Item2);
            return M(a, Edit(a, ours), Edit(a, theirs)).SequenceEqual(expected);
        });

    /// <summary>
    /// With distinguishable elements three branches keep the same elements in either grouping.
    /// Not associative in general: with repeated values a side's pops and pushes are ambiguous
    /// (the merge reads the fewest pops), and the order of pushed blocks depends on grouping.
    /// </summary>
    [Fact]
    public void Three_branches_with_distinct_elements_keep_the_same_elements_in_either_order() =>
        PropertyCheck.ForAll(Gen.Four(s_edit), v =>
        {
            static MergeableQueue<int> Tagged(MergeableQueue<int> q, (int Pops, int[] Pushes) e, int tag) =>
                Edit(q, (e.Pops, e.Pushes.Select((x, i) => (tag * 1000) + i).ToArray()));
            MergeableQueue<int> a = Tagged(MergeableQueue<int>.Empty, v.Item1, 0);
            MergeableQueue<int> b1 = Tagged(a, v.Item2, 1), b2 = Tagged(a, v.Item3, 2), b3 = Tagged(a, v.Item4, 3);
            return M(a, M(a, b1, b2), b3).Order().SequenceEqual(M(a, b1, M(a, b2, b3)).Order());
        });

    [Fact]
    public void Codec_round_trips() =>
        PropertyCheck.ForAll(Gen.ArrayOf(PropertyCheck.Text), items =>
        {
            MergeableQueue<string> q = MergeableQueue<string>.Of(items);
            return MergeableQueue<string>.Decode(q.Encode(ByteCodecs.String), ByteCodecs.String).Equals(q);
        });
}

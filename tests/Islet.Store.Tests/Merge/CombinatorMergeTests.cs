using FsCheck.Fluent;
using Islet.Store.Merge;
using MergeOps = Islet.Store.Merge.Merges;

namespace Islet.Store.Tests.Merge;

public class CombinatorMergeTests
{
    private static readonly IMerge<int> s_default = MergeOps.Default<int>();

    [Fact]
    public void Default_takes_the_changed_side_and_conflicts_when_both_changed()
    {
        Assert.Equal(2, s_default.Merge(1, 1, 2).Value);
        Assert.Equal(2, s_default.Merge(1, 2, 1).Value);
        Assert.Equal(3, s_default.Merge(1, 3, 3).Value);
        MergeConflictItem item = Assert.Single(s_default.Merge(1, 2, 3).Conflict!.Items);
        Assert.Empty(item.Path);
        Assert.Equal((1, 2, 3), (item.Ancestor, item.Ours, item.Theirs));
        Assert.Null(Assert.Single(s_default.Merge(Optional<int>.None, 2, 3).Conflict!.Items).Ancestor);
    }

    [Fact]
    public void Default_is_idempotent_commutative_and_has_identity() =>
        PropertyCheck.ForAll(Gen.Three(PropertyCheck.Small), v =>
        {
            var (a, x, y) = v;
            MergeResult<int> xy = s_default.Merge(a, x, y), yx = s_default.Merge(a, y, x);
            return s_default.Merge(a, x, x).Value == x && s_default.Merge(a, a, x).Value == x
                && xy.IsOk == yx.IsOk && (!xy.IsOk || xy.Value == yx.Value);
        });

    [Fact]
    public void Option_treats_removal_as_a_change()
    {
        IMerge<Optional<int>> option = MergeOps.Option(s_default);
        Assert.False(option.Merge(new Optional<int>(1), Optional<int>.None, 1).Value.HasValue);
        Assert.Equal(5, option.Merge(Optional<Optional<int>>.None, Optional<int>.None, 5).Value.Value);
        MergeConflictItem item = Assert.Single(option.Merge(new Optional<int>(1), Optional<int>.None, 2).Conflict!.Items);
        Assert.Equal((1, (object?)null, 2), (item.Ancestor, item.Ours, item.Theirs));
    }

    [Fact]
    public void Option_delegates_two_present_values_to_the_inner_merge() =>
        Assert.Equal(new Counter(4), MergeOps.Option(Counter.Merger).Merge(new Optional<Counter>(new Counter(1)), new Counter(2), new Counter(3)).Value.Value);

    [Fact]
    public void Pair_merges_components_and_reports_each_conflicting_component()
    {
        IMerge<(int First, int Second)> pair = MergeOps.Pair(s_default, s_default);
        Assert.Equal((2, 3), pair.Merge((1, 1), (2, 1), (1, 3)).Value);
        MergeConflict conflict = pair.Merge((1, 1), (2, 2), (3, 3)).Conflict!;
        Assert.Equal([["1"], ["2"]], conflict.Items.Select(i => i.Path.ToArray()));
    }
}

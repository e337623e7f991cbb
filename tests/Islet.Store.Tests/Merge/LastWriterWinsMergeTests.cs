using FsCheck.Fluent;
using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

public class LastWriterWinsMergeTests
{
    private static readonly FsCheck.Gen<LastWriterWins<int>> s_register =
        Gen.Three(PropertyCheck.Small).Select(v => new LastWriterWins<int>(v.Item1 % 3, v.Item2 % 4, (ulong)(v.Item3 % 3)));

    private static readonly IMerge<LastWriterWins<int>> s_merge = LastWriterWins<int>.Merger;

    [Fact]
    public void Greater_timestamp_then_writer_wins()
    {
        var a = new LastWriterWins<string>("a", 1, 1);
        Assert.Equal("late", LastWriterWins<string>.Merger.Merge(a, a.Set("late", 5, 1), a.Set("early", 4, 9)).Value.Value);
        Assert.Equal("w9", LastWriterWins<string>.Merger.Merge(a, a.Set("w1", 5, 1), a.Set("w9", 5, 9)).Value.Value);
        Assert.False(LastWriterWins<string>.Merger.Merge(a, a.Set("x", 5, 1), a.Set("y", 5, 1)).IsOk);
    }

    [Fact]
    public void Merge_is_idempotent_and_commutative_including_conflicts() =>
        PropertyCheck.ForAll(Gen.Three(s_register), v =>
        {
            var (a, x, y) = v;
            MergeResult<LastWriterWins<int>> xy = s_merge.Merge(a, x, y), yx = s_merge.Merge(a, y, x);
            return s_merge.Merge(a, x, x).Value.Equals(x) && xy.IsOk == yx.IsOk && (!xy.IsOk || xy.Value.Equals(yx.Value));
        });

    [Fact]
    public void A_later_write_against_the_unchanged_ancestor_wins() =>
        PropertyCheck.ForAll(Gen.Four(PropertyCheck.Small), v =>
        {
            var a = new LastWriterWins<int>(v.Item1, v.Item2, 1);
            LastWriterWins<int> x = a.Set(v.Item3, a.Timestamp + 1 + v.Item4, (ulong)v.Item4);
            return s_merge.Merge(a, a, x).Value.Equals(x) && s_merge.Merge(a, x, a).Value.Equals(x);
        });

    [Fact]
    public void Three_writers_converge_to_the_greatest_stamp() =>
        PropertyCheck.ForAll(Gen.Three(Gen.Two(PropertyCheck.Small)), v =>
        {
            var a = new LastWriterWins<int>(0, 0, 0);
            LastWriterWins<int> b1 = a.Set(v.Item1.Item1, v.Item1.Item2, 1), b2 = a.Set(v.Item2.Item1, v.Item2.Item2, 2), b3 = a.Set(v.Item3.Item1, v.Item3.Item2, 3);
            LastWriterWins<int> left = s_merge.Merge(a, s_merge.Merge(a, b1, b2).Value, b3).Value;
            LastWriterWins<int> right = s_merge.Merge(a, b1, s_merge.Merge(a, b2, b3).Value).Value;
            LastWriterWins<int> max = new[] { b1, b2, b3 }.MaxBy(b => (b.Timestamp, b.Writer))!;
            return left.Equals(right) && left.Equals(max);
        });

    [Fact]
    public void Codec_round_trips() =>
        PropertyCheck.ForAll(Gen.Three(PropertyCheck.Text.Select(s => s.Length)).SelectMany(n => PropertyCheck.Text.Select(s => (n, s))), v =>
        {
            var r = new LastWriterWins<string>(v.s, v.n.Item1 - 5, (ulong)v.n.Item2 << 60);
            return LastWriterWins<string>.Decode(r.Encode(ByteCodecs.String), ByteCodecs.String).Equals(r);
        });
}

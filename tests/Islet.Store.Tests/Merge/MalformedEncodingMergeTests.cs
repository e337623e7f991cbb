using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

public class MalformedEncodingMergeTests
{
    [Fact]
    public void Truncated_and_trailing_bytes_are_rejected()
    {
        byte[] bytes = new Counter(7).Encode();
        Assert.Throws<MergeFormatException>(() => Counter.Decode(bytes.AsSpan(0, 8)));
        Assert.Throws<MergeFormatException>(() => Counter.Decode([.. bytes, 0]));
        Assert.Throws<MergeFormatException>(() => Counter.Decode([]));
    }

    [Fact]
    public void A_wrong_type_tag_is_rejected()
    {
        byte[] queue = MergeableQueue<long>.Of([1, 2]).Encode(ByteCodecs.Int64);
        Assert.Throws<MergeFormatException>(() => MergeableSet<long>.Decode(queue, ByteCodecs.Int64));
    }

    [Fact]
    public void Ill_formed_utf8_is_rejected()
    {
        byte[] bytes = MergeableQueue<string>.Of(["é"]).Encode(ByteCodecs.String);
        bytes[^1] = 0xFF;
        Assert.Throws<MergeFormatException>(() => MergeableQueue<string>.Decode(bytes, ByteCodecs.String));
    }

    [Fact]
    public void A_count_larger_than_the_input_is_rejected_before_allocating()
    {
        byte[] bytes = [(byte)'Q', 0xFF, 0xFF, 0xFF, 0x7F];
        Assert.Throws<MergeFormatException>(() => MergeableQueue<long>.Decode(bytes, ByteCodecs.Int64));
    }

    [Fact]
    public void Log_entries_out_of_timestamp_order_are_rejected()
    {
        byte[] bytes = MergeableLog<long>.Empty.Append(1, 5).Append(2, 5).Encode(ByteCodecs.Int64);
        bytes[5] = 9;
        Assert.Throws<MergeFormatException>(() => MergeableLog<long>.Decode(bytes, ByteCodecs.Int64));
    }

    [Fact]
    public void Maps_created_independently_merge_per_key()
    {
        var ours = MergeableMap<string, long>.Empty.SetItem("a", 1).SetItem("both", 2);
        var theirs = MergeableMap<string, long>.Empty.SetItem("b", 3).SetItem("both", 2);
        MergeableMap<string, long> merged = MergeableMap<string, long>.Merger(Islet.Store.Merge.Merges.Default<long>())
            .Merge(Optional<MergeableMap<string, long>>.None, ours, theirs).Value;
        Assert.Equal(["a", "b", "both"], merged.Keys);
    }
}

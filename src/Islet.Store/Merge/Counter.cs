using System.Buffers;
using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>
/// A 64-bit counter that merges by adding both sides' changes:
/// <c>ancestor + (ours − ancestor) + (theirs − ancestor)</c>, in two's-complement arithmetic
/// (wrapping), so merges are commutative and concurrent branches converge in any order. An absent
/// ancestor counts as zero. Deliberately not idempotent: two branches that both added d are two
/// additions, so merge(a, x, x) = x + (x − a); merge(a, a, x) = x holds. Encoding: tag 'C', then the value as 8 bytes little-endian.
/// </summary>
/// <param name="Value">The current count.</param>
public readonly record struct Counter(long Value)
{
    private const byte Tag = (byte)'C';

    /// <summary>The three-way merge for counters; never conflicts.</summary>
    public static IMerge<Counter> Merger { get; } = Merges.FromFunction<Counter>((a, o, t) =>
    {
        long baseValue = a.HasValue ? a.Value.Value : 0;
        return MergeResult<Counter>.Ok(new Counter(unchecked(baseValue + (o.Value - baseValue) + (t.Value - baseValue))));
    });

    /// <summary>The codec for counters nested in other mergeable values.</summary>
    public static IByteCodec<Counter> Codec { get; } = new DelegateCodec<Counter>(EncodeTo, DecodeFrom);

    /// <summary>This counter plus <paramref name="delta"/> (wrapping).</summary>
    public Counter Add(long delta) => new(unchecked(Value + delta));

    /// <summary>The canonical encoding (9 bytes).</summary>
    public byte[] Encode()
    {
        var w = new ArrayBufferWriter<byte>(9);
        EncodeTo(this, w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one counter; throws <see cref="MergeFormatException"/> when malformed.</summary>
    public static Counter Decode(ReadOnlySpan<byte> source) => DelegateCodec<Counter>.DecodeWhole(source, DecodeFrom);

    private static void EncodeTo(Counter c, IBufferWriter<byte> w)
    {
        MergeWriter.WriteByte(w, Tag);
        MergeWriter.WriteInt64(w, c.Value);
    }

    private static Counter DecodeFrom(ref MergeReader r)
    {
        r.ExpectTag(Tag);
        return new Counter(r.ReadInt64());
    }
}

using System.Buffers;
using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>
/// A last-writer-wins register: a value stamped with a timestamp and a writer id. A merge keeps
/// the side with the greater (timestamp, writer) pair, whatever the ancestor; the same pair with
/// different values is a conflict (two writers must not share an id). Because the ancestor is
/// ignored, merge(a, a, x) = x only when x was written after a (a greater stamp), as every
/// <see cref="Set"/> by a writer with a monotonic clock is. The caller supplies the
/// timestamps (no clock is read). Encoding: tag 'W', timestamp (8 bytes LE), writer (8 bytes LE),
/// then the value with the element codec.
/// </summary>
/// <param name="Value">The register's value.</param>
/// <param name="Timestamp">When it was written (any monotonic unit the writers agree on).</param>
/// <param name="Writer">The writer's id; breaks timestamp ties.</param>
public sealed record LastWriterWins<T>(T Value, long Timestamp, ulong Writer)
{
    private const byte Tag = (byte)'W';

    /// <summary>A new register value written by <paramref name="writer"/> at <paramref name="timestamp"/>.</summary>
    public LastWriterWins<T> Set(T value, long timestamp, ulong writer) => new(value, timestamp, writer);

    /// <summary>The merge: greater (timestamp, writer) wins; equal stamps with different values conflict.</summary>
    public static IMerge<LastWriterWins<T>> Merger { get; } = Merges.FromFunction<LastWriterWins<T>>((a, o, t) =>
    {
        int c = (o.Timestamp, o.Writer).CompareTo((t.Timestamp, t.Writer));
        if (c > 0)
        {
            return MergeResult<LastWriterWins<T>>.Ok(o);
        }

        if (c < 0)
        {
            return MergeResult<LastWriterWins<T>>.Ok(t);
        }

        return o.Equals(t)
            ? MergeResult<LastWriterWins<T>>.Ok(o)
            : MergeResult<LastWriterWins<T>>.Conflicted(MergeConflict.At(
                "two values share one (timestamp, writer) stamp", a.HasValue ? a.Value : null, o, t));
    });

    /// <summary>The codec for registers nested in other mergeable values.</summary>
    public static IByteCodec<LastWriterWins<T>> Codec(IByteCodec<T> valueCodec)
    {
        ArgumentNullException.ThrowIfNull(valueCodec);
        return new DelegateCodec<LastWriterWins<T>>((v, w) => EncodeTo(v, w, valueCodec), (ref MergeReader r) => DecodeFrom(ref r, valueCodec));
    }

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode(IByteCodec<T> valueCodec)
    {
        ArgumentNullException.ThrowIfNull(valueCodec);
        var w = new ArrayBufferWriter<byte>();
        EncodeTo(this, w, valueCodec);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one register; throws <see cref="MergeFormatException"/> when malformed.</summary>
    public static LastWriterWins<T> Decode(ReadOnlySpan<byte> source, IByteCodec<T> valueCodec)
    {
        ArgumentNullException.ThrowIfNull(valueCodec);
        return DelegateCodec<LastWriterWins<T>>.DecodeWhole(source, (ref MergeReader r) => DecodeFrom(ref r, valueCodec));
    }

    private static void EncodeTo(LastWriterWins<T> v, IBufferWriter<byte> w, IByteCodec<T> codec)
    {
        MergeWriter.WriteByte(w, Tag);
        MergeWriter.WriteInt64(w, v.Timestamp);
        MergeWriter.WriteUInt64(w, v.Writer);
        codec.Encode(v.Value, w);
    }

    private static LastWriterWins<T> DecodeFrom(ref MergeReader r, IByteCodec<T> codec)
    {
        r.ExpectTag(Tag);
        long ts = r.ReadInt64();
        ulong writer = r.ReadUInt64();
        return new LastWriterWins<T>(r.Read(codec), ts, writer);
    }
}

using System.Buffers;

namespace Islet.Store.Merge;

/// <summary>
/// A deterministic byte codec for the elements of mergeable values. Equal values must encode to
/// equal bytes, every encoding is at least one byte long, and decode followed by encode must
/// give back the bytes read (so the collections' encodings stay canonical). Decoders read one value from the start of the span and must throw only
/// <see cref="MergeFormatException"/> on malformed input.
/// </summary>
public interface IByteCodec<T>
{
    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="destination"/>.</summary>
    void Encode(T value, IBufferWriter<byte> destination);

    /// <summary>
    /// Decodes one value from the start of <paramref name="source"/> and reports how many bytes it
    /// used in <paramref name="consumed"/>. Throws <see cref="MergeFormatException"/> when malformed.
    /// </summary>
    T Decode(ReadOnlySpan<byte> source, out int consumed);
}

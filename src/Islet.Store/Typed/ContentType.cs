using Islet.Store.Merge;

namespace Islet.Store;

/// <summary>An <see cref="IContentType{T}"/> made of two functions and a merge.</summary>
/// <param name="Encoder">Value to blob; deterministic.</param>
/// <param name="Decoder">Whole blob to value; throws <see cref="MergeFormatException"/> when malformed.</param>
/// <param name="Merge">The three-way merge.</param>
public sealed record ContentType<T>(Func<T, byte[]> Encoder, DecodeBlob<T> Decoder, IMerge<T> Merge) : IContentType<T>
{
    /// <inheritdoc/>
    public byte[] Encode(T value) => Encoder(value);

    /// <inheritdoc/>
    public T Decode(ReadOnlySpan<byte> blob) => Decoder(blob);

    /// <summary>A content type whose blob is one value of <paramref name="codec"/> with nothing after it.</summary>
    public static ContentType<T> FromCodec(IByteCodec<T> codec, IMerge<T> merge)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return new(v =>
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            codec.Encode(v, buffer);
            return buffer.WrittenSpan.ToArray();
        }, blob =>
        {
            T value = codec.Decode(blob, out int consumed);
            return consumed == blob.Length ? value : throw new MergeFormatException($"{blob.Length - consumed} bytes follow the value.");
        }, merge);
    }
}

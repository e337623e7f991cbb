using System.Buffers;

namespace Islet.Store.Merge.Internal;

/// <summary>Reads a nested value through a <see cref="MergeReader"/>.</summary>
internal delegate T NestedDecoder<T>(ref MergeReader reader);

/// <summary>An <see cref="IByteCodec{T}"/> made of a mergeable type's own encoder and nested decoder.</summary>
internal sealed class DelegateCodec<T>(Action<T, IBufferWriter<byte>> encode, NestedDecoder<T> decode) : IByteCodec<T>
{
    public void Encode(T value, IBufferWriter<byte> destination) => encode(value, destination);

    public T Decode(ReadOnlySpan<byte> source, out int consumed)
    {
        var reader = new MergeReader(source);
        T value = decode(ref reader);
        consumed = reader.Position;
        return value;
    }

    /// <summary>Decodes exactly one value filling <paramref name="source"/>.</summary>
    public static T DecodeWhole(ReadOnlySpan<byte> source, NestedDecoder<T> decode)
    {
        var reader = new MergeReader(source);
        T value = decode(ref reader);
        reader.ExpectEnd();
        return value;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>Element codecs for the mergeable types: 64-bit integers and UTF-8 strings.</summary>
public static class ByteCodecs
{
    /// <summary>A signed 64-bit integer as 8 bytes, little-endian.</summary>
    public static IByteCodec<long> Int64 { get; } = new Int64Codec();

    /// <summary>
    /// A string as a 4-byte little-endian length then strict UTF-8 (ill-formed UTF-8 is rejected;
    /// strings with lone surrogates cannot be encoded).
    /// </summary>
    public static IByteCodec<string> String { get; } = new StringCodec();

    private sealed class Int64Codec : IByteCodec<long>
    {
        public void Encode(long value, IBufferWriter<byte> destination)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination.GetSpan(8), value);
            destination.Advance(8);
        }

        public long Decode(ReadOnlySpan<byte> source, out int consumed)
        {
            var r = new MergeReader(source);
            long v = r.ReadInt64();
            consumed = r.Position;
            return v;
        }
    }

    private sealed class StringCodec : IByteCodec<string>
    {
        private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public void Encode(string value, IBufferWriter<byte> destination)
        {
            ArgumentNullException.ThrowIfNull(value);
            byte[] bytes = s_strict.GetBytes(value);
            BinaryPrimitives.WriteInt32LittleEndian(destination.GetSpan(4), bytes.Length);
            destination.Advance(4);
            destination.Write(bytes);
        }

        public string Decode(ReadOnlySpan<byte> source, out int consumed)
        {
            var r = new MergeReader(source);
            int length = r.ReadCount();
            ReadOnlySpan<byte> bytes = r.ReadBytes(length);
            consumed = r.Position;
            try
            {
                return s_strict.GetString(bytes);
            }
            catch (ArgumentException e)
            {
                throw new MergeFormatException("A string is not well-formed UTF-8.", e);
            }
        }
    }
}

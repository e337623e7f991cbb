using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Islet.Store.Merge.Internal;

/// <summary>A bounds-checked cursor over an encoding; every failure is a <see cref="MergeFormatException"/>.</summary>
internal ref struct MergeReader
{
    private readonly ReadOnlySpan<byte> _source;

    public MergeReader(ReadOnlySpan<byte> source) => _source = source;

    public int Position { get; private set; }

    public readonly int Remaining => _source.Length - Position;

    public byte ReadByte() => ReadBytes(1)[0];

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>A non-negative 4-byte count that cannot exceed the remaining bytes (each element needs at least one).</summary>
    public int ReadCount()
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));
        if (n < 0 || n > Remaining)
        {
            Fail("A count is negative or larger than the remaining input.");
        }

        return n;
    }

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if (length < 0 || length > Remaining)
        {
            Fail("The encoding is truncated.");
        }

        ReadOnlySpan<byte> s = _source.Slice(Position, length);
        Position += length;
        return s;
    }

    public T Read<T>(IByteCodec<T> codec)
    {
        T value = codec.Decode(_source[Position..], out int consumed);
        if (consumed <= 0 || consumed > Remaining)
        {
            Fail("An element codec reported an impossible length.");
        }

        Position += consumed;
        return value;
    }

    public void ExpectTag(byte tag)
    {
        if (ReadByte() != tag)
        {
            Fail("Wrong type tag.");
        }
    }

    public readonly void ExpectEnd()
    {
        if (Remaining != 0)
        {
            Fail("Trailing bytes after the value.");
        }
    }

    [DoesNotReturn]
    public static void Fail(string message) => throw new MergeFormatException(message);
}

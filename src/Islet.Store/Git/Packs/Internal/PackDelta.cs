namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Applies a Git delta (gitformat-pack "Deltified representation"): the base size and the result
/// size as little-endian base-128 varints, then instructions. An instruction byte with the top bit
/// set copies from the base: bits 0-3 say which of four offset bytes follow, bits 4-6 which of three
/// size bytes (a size of 0 means 0x10000). A byte 1-127 inserts that many literal bytes that follow.
/// The byte 0 is reserved.
/// </summary>
internal static class PackDelta
{
    /// <summary>The result of applying <paramref name="delta"/> to <paramref name="source"/>.</summary>
    /// <exception cref="GitPackException"><see cref="GitPackError.BadDelta"/> for any inconsistency.</exception>
    public static byte[] Apply(ReadOnlySpan<byte> source, ReadOnlySpan<byte> delta, long maxResultSize)
    {
        int position = 0;
        long sourceSize = ReadSize(delta, ref position);
        long resultSize = ReadSize(delta, ref position);
        if (sourceSize != source.Length)
            PackThrow.Error(GitPackError.BadDelta, $"The delta expects a base of {sourceSize} bytes; the base is {source.Length}.");
        if (resultSize > maxResultSize || resultSize > Array.MaxLength)
            PackThrow.Error(GitPackError.BadDelta, $"The delta's result size {resultSize} is above the limit {maxResultSize}.");

        byte[] result = new byte[resultSize];
        int written = 0;
        while (position < delta.Length)
        {
            byte op = delta[position++];
            if ((op & 0x80) != 0)
            {
                long offset = 0;
                for (int i = 0; i < 4; i++)
                {
                    if ((op & (1 << i)) != 0)
                        offset |= (long)Next(delta, ref position) << (8 * i);
                }
                int size = 0;
                for (int i = 0; i < 3; i++)
                {
                    if ((op & (0x10 << i)) != 0)
                        size |= Next(delta, ref position) << (8 * i);
                }
                if (size == 0)
                    size = 0x10000;
                if (offset + size > source.Length)
                    PackThrow.Error(GitPackError.BadDelta, $"A copy of {size} bytes at {offset} reaches outside the {source.Length}-byte base.");
                if (size > result.Length - written)
                    PackThrow.Error(GitPackError.BadDelta, "A copy runs past the declared result size.");
                source.Slice((int)offset, size).CopyTo(result.AsSpan(written));
                written += size;
            }
            else if (op != 0)
            {
                if (op > delta.Length - position)
                    PackThrow.Error(GitPackError.BadDelta, "An insert runs past the end of the delta.");
                if (op > result.Length - written)
                    PackThrow.Error(GitPackError.BadDelta, "An insert runs past the declared result size.");
                delta.Slice(position, op).CopyTo(result.AsSpan(written));
                position += op;
                written += op;
            }
            else
            {
                PackThrow.Error(GitPackError.BadDelta, "The reserved delta instruction 0.");
            }
        }
        if (written != result.Length)
            PackThrow.Error(GitPackError.BadDelta, $"The delta produced {written} bytes but declared {result.Length}.");
        return result;
    }

    private static byte Next(ReadOnlySpan<byte> delta, ref int position) =>
        position < delta.Length ? delta[position++] : PackThrow.Error<byte>(GitPackError.BadDelta, "The delta ends inside an instruction.");

    private static long ReadSize(ReadOnlySpan<byte> delta, ref int position)
    {
        long value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 56)
                PackThrow.Error(GitPackError.BadDelta, "A delta size varint is longer than 9 bytes.");
            byte b = Next(delta, ref position);
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
    }
}

using System.Runtime.CompilerServices;

namespace Islet.Crypto;

/// <summary>Byte helpers for secrets.</summary>
public static class CryptoBytes
{
    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> hold the same bytes, in a
    /// time that depends on their lengths only, never on where they first differ (for comparing MACs).
    /// Spans of different lengths are unequal at once; the lengths are not secret.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
            return false;
        int difference = 0;
        for (int i = 0; i < left.Length; i++)
            difference |= left[i] ^ right[i];
        return difference == 0;
    }
}

namespace Islet.Net.Tests;

public delegate void SpanAction(ReadOnlySpan<byte> buffer);

/// <summary>Seeded random and mutation fuzzing for the wire parsers.</summary>
internal static class Fuzz
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    /// <summary>
    /// Runs <paramref name="parse"/> on <paramref name="iterations"/> buffers: half purely random
    /// (lengths 0..2×seed), half mutations of <paramref name="seed"/> (bit flips, byte
    /// overwrites, truncation, extension). Any exception fails the test.
    /// </summary>
    public static void Run(byte[] seed, SpanAction parse, int iterations = 100_000, int rngSeed = 1234)
    {
        var rng = new Random(rngSeed);
        var buffer = new byte[seed.Length * 2 + 64];
        for (int i = 0; i < iterations; i++)
        {
            int length;
            if ((i & 1) == 0)
            {
                length = rng.Next(buffer.Length + 1);
                rng.NextBytes(buffer.AsSpan(0, length));
            }
            else
            {
                seed.CopyTo(buffer, 0);
                length = seed.Length;
                int mutations = rng.Next(1, 5);
                for (int m = 0; m < mutations; m++)
                {
                    switch (rng.Next(4))
                    {
                        case 0: if (length > 0) buffer[rng.Next(length)] ^= (byte)(1 << rng.Next(8)); break;
                        case 1: if (length > 0) buffer[rng.Next(length)] = (byte)rng.Next(256); break;
                        case 2: length = rng.Next(length + 1); break;
                        default:
                            int extra = rng.Next(buffer.Length - length + 1);
                            rng.NextBytes(buffer.AsSpan(length, extra));
                            length += extra;
                            break;
                    }
                }
            }
            parse(buffer.AsSpan(0, length));
        }
    }
}

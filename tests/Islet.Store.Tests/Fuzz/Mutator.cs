namespace Islet.Store.Tests.Fuzz;

/// <summary>Seeded byte-level mutations shared by the fuzz tests: flips, overwrites with interesting values, inserts, deletes, duplications, truncation.</summary>
internal static class Mutator
{
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x20, (byte)'0', (byte)'f', 0x78, 0x9c];

    /// <summary>A mutated copy of <paramref name="original"/>: one to four edits.</summary>
    public static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (int edits = random.Next(1, 5); edits > 0; edits--)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = s_interesting[random.Next(s_interesting.Length)];
                    break;
                case 2 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 9)));
                    break;
                case 5 when bytes.Count > 0:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 17))));
                    break;
                case 6 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    if (bytes.Count > 0)
                        bytes[at] = (byte)(bytes[at] + random.Next(-2, 3));
                    break;
            }
        }
        return [.. bytes];
    }
}

using Islet.Store.Merge;

namespace Islet.Store.Tests.Merge;

/// <summary>
/// 100,000 mutated encodings per type: decoding either throws <see cref="MergeFormatException"/>
/// or yields a value whose encoding is exactly the input (the encodings are canonical).
/// </summary>
public class DecodeFuzzTests
{
    private const int Mutations = 100_000;
    private static readonly string[] s_words = ["", "a", "é", "☃", "𝄞", "key", "zz"];

    [Fact]
    public void Counter_decode_rejects_malformed_bytes_with_one_exception() =>
        Fuzz(1, r => new Counter(r.NextInt64()).Encode(), b => Counter.Decode(b).Encode());

    [Fact]
    public void LastWriterWins_decode_rejects_malformed_bytes_with_one_exception() =>
        Fuzz(2, r => new LastWriterWins<string>(Word(r), r.Next(-3, 3), (ulong)r.Next(3)).Encode(ByteCodecs.String),
            b => LastWriterWins<string>.Decode(b, ByteCodecs.String).Encode(ByteCodecs.String));

    [Fact]
    public void Set_decode_rejects_malformed_bytes_with_one_exception() =>
        Fuzz(3, r => MergeableSet<string>.Of(Words(r)).Encode(ByteCodecs.String),
            b => MergeableSet<string>.Decode(b, ByteCodecs.String).Encode(ByteCodecs.String));

    [Fact]
    public void Map_decode_rejects_malformed_bytes_with_one_exception() =>
        Fuzz(4, r => Words(r).Aggregate(MergeableMap<string, long>.Empty, (m, w) => m.SetItem(w, r.Next(-2, 2))).Encode(ByteCodecs.String, ByteCodecs.Int64),
            b => MergeableMap<string, long>.Decode(b, ByteCodecs.String, ByteCodecs.Int64).Encode(ByteCodecs.String, ByteCodecs.Int64));

    [Fact]
    public void Log_decode_rejects_malformed_bytes_with_one_exception() =>
        Fuzz(5, r => Words(r).Aggregate(MergeableLog<string>.Empty, (l, w) => l.Append(r.Next(3), w)).Encode(ByteCodecs.String),
            b => MergeableLog<string>.Decode(b, ByteCodecs.String).Encode(ByteCodecs.String));

    [Fact]
    public void Queue_decode_rejects_malformed_bytes_with_one_exception() =>
        Fuzz(6, r => MergeableQueue<string>.Of(Words(r)).Encode(ByteCodecs.String),
            b => MergeableQueue<string>.Decode(b, ByteCodecs.String).Encode(ByteCodecs.String));

    private static string Word(Random r) => s_words[r.Next(s_words.Length)];

    private static string[] Words(Random r) => Enumerable.Range(0, r.Next(5)).Select(_ => Word(r)).ToArray();

    private static void Fuzz(int seed, Func<Random, byte[]> sample, Func<byte[], byte[]> decodeThenEncode)
    {
        var random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < Mutations; i++)
        {
            byte[] input = Mutate(random, sample(random));
            byte[] again;
            try
            {
                again = decodeThenEncode(input);
            }
            catch (MergeFormatException)
            {
                continue;
            }

            accepted++;
            Assert.Equal(input, again);
        }

        Assert.InRange(accepted, 1, Mutations - 1);
    }

    private static byte[] Mutate(Random r, byte[] bytes)
    {
        var list = bytes.ToList();
        int edits = 1 + r.Next(3);
        for (int e = 0; e < edits; e++)
        {
            int at = list.Count == 0 ? 0 : r.Next(list.Count);
            switch (r.Next(6))
            {
                case 0 when list.Count > 0:
                    list[at] ^= (byte)(1 << r.Next(8));
                    break;
                case 1 when list.Count > 0:
                    list[at] = (byte)r.Next(256);
                    break;
                case 2:
                    list.RemoveRange(at, Math.Min(list.Count - at, r.Next(4)));
                    break;
                case 3:
                    list.Insert(at, (byte)r.Next(256));
                    break;
                case 4:
                    list.RemoveRange(at, list.Count - at);
                    break;
                default:
                    if (list.Count >= 5)
                    {
                        // A count or length field set to a boundary value.
                        int[] boundary = [0, 1, 2, 255, int.MaxValue, -1, int.MinValue];
                        BitConverter.GetBytes(boundary[r.Next(boundary.Length)]).CopyTo(CollectionsMarshalSpan(list, r.Next(list.Count - 3)));
                    }

                    break;
            }
        }

        return list.ToArray();
    }

    private static Span<byte> CollectionsMarshalSpan(List<byte> list, int start) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[start..];
}

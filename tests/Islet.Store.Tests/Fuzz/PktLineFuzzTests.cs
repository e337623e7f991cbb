using System.Buffers;
using Islet.Store.Sync;
using Islet.Store.Tests.Packs;

namespace Islet.Store.Tests.Fuzz;

/// <summary>
/// Part of the 1,000,000-input fuzz evidence: mutated pkt-line streams through
/// <see cref="PktLineReader"/>, delivered in random-sized reads. Only <see cref="GitProtocolException"/>
/// may escape, every payload returned lies within the bytes sent, and each stream ends in a bounded number of reads.
/// </summary>
public sealed class PktLineFuzzTests
{
    public const int Iterations = 200_000;

    [Fact]
    public async Task Mutated_pkt_line_streams_read_or_give_a_protocol_error()
    {
        var random = new Random(2026);
        var seeds = Enumerable.Range(0, 32).Select(_ => Stream(random)).ToList();
        int completed = 0, refused = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] mutant = Mutator.Mutate(seeds[random.Next(seeds.Count)], random);
            var reader = new PktLineReader(new PackIngesterTests.TrickleStream(mutant, random.Next(1, 64)));
            try
            {
                // Each line consumes at least four bytes, so a stream has at most length / 4 lines.
                for (int lines = 0; lines <= mutant.Length / 4; lines++)
                {
                    PktLineKind kind = await reader.ReadAsync();
                    if (kind == PktLineKind.Data && (reader.Payload.Length == 0 || reader.Payload.Length > mutant.Length))
                        Assert.Fail($"iteration {i}: a payload of {reader.Payload.Length} bytes from {mutant.Length}");
                }
                Assert.Fail($"iteration {i}: more lines than the stream can hold");
            }
            catch (GitProtocolException e) when (e.Error == GitProtocolError.UnexpectedEnd)
            {
                completed++;
            }
            catch (GitProtocolException)
            {
                refused++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name} escaped: {e.Message}\n{Convert.ToBase64String(mutant)}");
            }
        }
        Assert.Equal(Iterations, completed + refused);
        Assert.True(completed > 0 && refused > 0, $"{completed} read to the end, {refused} refused");
    }

    private static byte[] Stream(Random random)
    {
        var output = new ArrayBufferWriter<byte>();
        for (int n = random.Next(1, 12); n > 0; n--)
        {
            int choice = random.Next(6);
            if (choice < 3)
            {
                byte[] payload = new byte[random.Next(1, choice == 0 ? 300 : 40)];
                random.NextBytes(payload);
                PktLine.WriteData(output, payload);
            }
            else if (choice == 3)
            {
                PktLine.WriteText(output, $"want {random.Next():x8}{random.Next():x8} side-band-64k ofs-delta");
            }
            else
            {
                PktLine.WriteSpecial(output, (PktLineKind)random.Next(1, 4));
            }
        }
        return output.WrittenSpan.ToArray();
    }
}

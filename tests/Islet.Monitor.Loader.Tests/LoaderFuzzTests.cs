using Xunit.Abstractions;

namespace Islet.Monitor.Loader.Tests;

/// <summary>
/// Seeded mutations of a real image (the sealed www image, else the clang program): nothing but
/// <see cref="ElfLoadException"/> may escape the loader, and an accepted image's segments lie in
/// guest memory without overlapping. Mutations favour the ELF header and program header table,
/// which is what the loader reads; they are undone after each case, so the image is not copied.
/// </summary>
[Collection("images")]
public sealed class LoaderFuzzTests(Images images, ITestOutputHelper output)
{
    private const int Cases = 20_000;
    private const ulong Base = 0x400000;

    private static readonly ulong[] s_interesting =
        [0, 1, 2, 3, 6, 7, 8, 0x38, 0x40, 0xFFF, 0x1000, 0x1001, 0x200000, 0x3FFFFF, 0x400000, 0x7FFF_FFFF, 0xFFFF_FFFF,
         0x6474_E551, 0x1_0000_0000, long.MaxValue, 0x8000_0000_0000_0000, ulong.MaxValue - 0xFFF, ulong.MaxValue];

    [Fact]
    public void Mutated_real_image_only_ever_throws_the_documented_exception()
    {
        byte[]? original = images.Www ?? images.Clang;
        if (original is null)
        {
            output.WriteLine("SKIPPED: " + images.WwwSkipReason + "; " + images.ClangSkipReason);
            return;
        }
        byte[] image = (byte[])original.Clone();
        int hot = Math.Min(image.Length, 64 + 56 * Elf64.Count(image) + 64);
        var memory = new ByteArrayGuestMemory(Base, 16 << 20);
        var random = new Random(5);
        var refused = new Dictionary<ElfLoadError, int>();
        int loaded = 0;
        var undo = new List<(int At, byte Value)>();
        for (int n = 0; n < Cases; n++)
        {
            int length = Mutate(image, hot, random, undo);
            try
            {
                LoadedImage result = StaticPieLoader.Load(image.AsMemory(0, length), memory, Base);
                CheckAccepted(result, memory);
                loaded++;
            }
            catch (ElfLoadException e)
            {
                refused[e.Error] = refused.GetValueOrDefault(e.Error) + 1;
            }
            for (int i = undo.Count - 1; i >= 0; i--) image[undo[i].At] = undo[i].Value;
            undo.Clear();
        }
        Assert.Equal(original, image);
        output.WriteLine($"{Cases} cases: {loaded} loaded; refused: " + string.Join(", ", refused.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")));
        Assert.True(refused.Count >= 6, "the mutations reach too few of the loader's checks");
    }

    // Returns the length of the mutated file (a truncation leaves the bytes and shortens it).
    private static int Mutate(byte[] image, int hot, Random random, List<(int At, byte Value)> undo)
    {
        int cases = random.Next(1, 4);
        int length = image.Length;
        for (int c = 0; c < cases; c++)
        {
            int kind = random.Next(10);
            if (kind == 0)
            {
                length = random.Next(length);
                continue;
            }
            int at = kind == 1 ? random.Next(image.Length) : random.Next(hot);
            if (kind <= 4)
            {
                Set(image, at, (byte)(image[at] ^ (1 << random.Next(8))), undo);
                continue;
            }
            // A field-sized interesting value (or a nearby one) at an aligned offset.
            int width = 1 << random.Next(1, 4);
            at &= ~(width - 1);
            if (at + width > image.Length) continue;
            ulong value = s_interesting[random.Next(s_interesting.Length)] + (ulong)random.Next(-1, 2);
            for (int i = 0; i < width; i++) Set(image, at + i, (byte)(value >> (8 * i)), undo);
        }
        return length;
    }

    private static void Set(byte[] image, int at, byte value, List<(int At, byte Value)> undo)
    {
        undo.Add((at, image[at]));
        image[at] = value;
    }

    private static void CheckAccepted(LoadedImage image, IGuestMemory memory)
    {
        LoadedSegment[] sorted = [.. image.Segments.OrderBy(s => s.Address)];
        for (int i = 0; i < sorted.Length; i++)
        {
            Assert.True(sorted[i].PageStart >= memory.BaseAddress && sorted[i].PageEnd <= memory.BaseAddress + memory.Size);
            if (i > 0) Assert.True(sorted[i].Address >= sorted[i - 1].End);
        }
        Assert.Contains(image.Segments, s => s.Permissions.HasFlag(SegmentPermissions.Execute) && image.Entry >= s.Address && image.Entry < s.End);
    }
}

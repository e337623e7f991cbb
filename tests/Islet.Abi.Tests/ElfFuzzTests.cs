using System.Buffers.Binary;
using Islet.Abi.Elf;
using Xunit.Abstractions;

namespace Islet.Abi.Tests;

/// <summary>
/// Mutated copies of real ELF files (seeded, reproducible): nothing but
/// <see cref="ElfFormatException"/> may escape parsing or reading sections and segments.
/// Mutations are applied in place and undone, so a large binary is not copied per case.
/// </summary>
public class ElfFuzzTests(StaticElfFixture fixture, ITestOutputHelper output) : IClassFixture<StaticElfFixture>
{
    private static readonly ulong[] s_interesting =
        [0, 1, 7, 8, 55, 56, 63, 64, 0x7F, 0xFF, 0xFFFF, 0xFFFE, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, long.MaxValue, 0x8000_0000_0000_0000, ulong.MaxValue, ulong.MaxValue - 63];

    [Fact]
    public void Mutated_tiny_elf_never_throws_anything_else() => Fuzz(TinyElf.Build(), 40_000, seed: 1);

    [Fact]
    public void Mutated_static_pie_never_throws_anything_else()
    {
        if (fixture.SkipReason is not null)
        {
            output.WriteLine("SKIPPED: " + fixture.SkipReason + " (fuzzing /bin/true instead)");
            Fuzz(File.ReadAllBytes("/bin/true"), 100_000, seed: 2);
            return;
        }
        Fuzz(File.ReadAllBytes(fixture.WithManifest), 100_000, seed: 2);
    }

    private void Fuzz(byte[] image, int cases, int seed)
    {
        ElfFile original = ElfFile.Parse(image);
        (int Start, int Length)[] hot = HotRegions(original, image.Length);
        var random = new Random(seed);
        var undo = new List<(int Offset, byte[] Bytes)>();
        var value = new byte[8];
        int parsed = 0;
        for (int n = 0; n < cases; n++)
        {
            int length = image.Length;
            switch (random.Next(4))
            {
                case 0: // flip bytes
                    for (int i = random.Next(1, 9); i > 0; i--)
                    {
                        int at = PickOffset(random, hot, image.Length, 1);
                        Save(undo, image, at, 1);
                        image[at] ^= (byte)random.Next(1, 256);
                    }
                    break;
                case 1: // an interesting value in a field
                    {
                        int width = 1 << random.Next(1, 4);
                        int at = PickOffset(random, hot, image.Length, width) & ~(width - 1);
                        Save(undo, image, at, width);
                        BinaryPrimitives.WriteUInt64LittleEndian(value, s_interesting[random.Next(s_interesting.Length)]);
                        value.AsSpan(0, width).CopyTo(image.AsSpan(at));
                        break;
                    }
                case 2: // truncate
                    length = random.Next(2) == 0
                        ? random.Next(image.Length)
                        : Math.Clamp(PickOffset(random, hot, image.Length, 1) + random.Next(-8, 8), 0, image.Length);
                    break;
                default: // splice a chunk over another place
                    {
                        int size = random.Next(1, 257);
                        int from = random.Next(image.Length - size);
                        int to = Math.Min(PickOffset(random, hot, image.Length, 1), image.Length - size);
                        Save(undo, image, to, size);
                        image.AsSpan(from, size).CopyTo(image.AsSpan(to));
                        break;
                    }
            }
            if (TryParseAndRead(image.AsMemory(0, length))) parsed++;
            for (int i = undo.Count - 1; i >= 0; i--) undo[i].Bytes.CopyTo(image, undo[i].Offset);
            undo.Clear();
        }
        output.WriteLine($"{cases} mutations, {parsed} still parsed");
    }

    private static bool TryParseAndRead(ReadOnlyMemory<byte> image)
    {
        try
        {
            ElfFile elf = ElfFile.Parse(image);
            foreach (ElfSectionHeader s in elf.Sections) _ = elf.GetSectionData(s);
            foreach (ElfProgramHeader p in elf.ProgramHeaders) _ = elf.GetSegmentData(p);
            _ = elf.FindSectionData(".islet.manifest");
            return true;
        }
        catch (ElfFormatException)
        {
            return false;
        }
    }

    // The header, both header tables and the name table: where parsing looks.
    private static (int, int)[] HotRegions(ElfFile elf, int length)
    {
        var regions = new List<(int, int)> { (0, 64) };
        regions.Add(((int)elf.Header.ProgramHeaderOffset, elf.Header.ProgramHeaderCount * 56));
        regions.Add(((int)elf.Header.SectionHeaderOffset, elf.Header.SectionHeaderCount * 64));
        if (elf.Header.SectionNameTableIndex != 0)
        {
            ElfSectionHeader names = elf.Sections[elf.Header.SectionNameTableIndex];
            regions.Add(((int)names.Offset, (int)names.Size));
        }
        return [.. regions.Where(r => r.Item2 > 0 && r.Item1 + r.Item2 <= length)];
    }

    private static int PickOffset(Random random, (int Start, int Length)[] hot, int length, int width)
    {
        if (random.Next(10) == 0) return random.Next(length - width);
        (int start, int size) = hot[random.Next(hot.Length)];
        return Math.Min(start + random.Next(size), length - width);
    }

    private static void Save(List<(int, byte[])> undo, byte[] image, int at, int size) =>
        undo.Add((at, image.AsSpan(at, size).ToArray()));
}

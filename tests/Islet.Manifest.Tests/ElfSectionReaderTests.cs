using System.Buffers.Binary;
using System.Text;

namespace Islet.Manifest.Tests;

public sealed class ElfSectionReaderTests
{
    [Fact]
    public void Finds_the_section_objcopy_added_to_a_real_elf_file()
    {
        byte[] image = Samples.SealedTrue();
        var section = ElfSectionReader.Find(image, IsletManifest.SectionName);
        Assert.NotNull(section);
        Assert.Equal(1u, section.Value.Type); // PROGBITS
        var json = image.AsSpan(section.Value.Offset, section.Value.Size);
        Assert.Equal("www", ManifestJson.Parse(json).Application);
    }

    [Fact]
    public void Finds_ordinary_sections_and_not_absent_ones_or_prefixes()
    {
        byte[] elf = File.ReadAllBytes("/bin/true");
        Assert.NotNull(ElfSectionReader.Find(elf, ".text"));
        Assert.Null(ElfSectionReader.Find(elf, IsletManifest.SectionName));
        Assert.Null(ElfSectionReader.Find(elf, ".tex"));
        Assert.Null(EmbeddedManifest.Read(elf));
    }

    [Theory]
    [InlineData(0, "not an ELF file")]
    [InlineData(4, "not a 64-bit ELF file")]
    [InlineData(5, "not a little-endian ELF file")]
    [InlineData(0x3A, "section headers are not 64 bytes")]
    [InlineData(0x3E, "index is out of range")]
    public void Corrupted_headers_give_the_clear_error(int offset, string message)
    {
        byte[] image = Samples.SealedTrue();
        image[offset] = offset == 0x3E ? (byte)0xF0 : (byte)0x07;
        var e = Assert.Throws<ManifestFormatException>(() => ElfSectionReader.Find(image, IsletManifest.SectionName));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_section_header_table_beyond_the_file_is_an_error()
    {
        byte[] image = Samples.SealedTrue();
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), (ulong)image.Length - 10);
        Assert.Throws<ManifestFormatException>(() => ElfSectionReader.Find(image, ".text"));
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), ulong.MaxValue - 5);
        Assert.Throws<ManifestFormatException>(() => ElfSectionReader.Find(image, ".text"));
    }

    [Fact]
    public void Every_truncation_gives_the_clear_error_or_no_section()
    {
        byte[] image = Samples.SealedTrue();
        for (int length = 0; length < image.Length; length += length < 256 ? 1 : 97)
        {
            try
            {
                _ = EmbeddedManifest.Read(image.AsMemory(0, length));
            }
            catch (ManifestFormatException)
            {
            }
        }
        // The section header table is at the end: cutting one byte is always noticed.
        Assert.Throws<ManifestFormatException>(() => EmbeddedManifest.Read(image.AsMemory(0, image.Length - 1)));
    }

    [Fact]
    public void Seeded_mutations_never_raise_anything_but_the_documented_exception()
    {
        byte[] original = Samples.SealedTrue();
        var section = ElfSectionReader.Find(original, IsletManifest.SectionName)!.Value;
        int shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(0x28));
        var random = new Random(20240611);
        byte[] image = new byte[original.Length];
        int formatErrors = 0, unverified = 0;
        for (int i = 0; i < 100_000; i++)
        {
            original.CopyTo(image, 0);
            int changes = 1 + random.Next(4);
            for (int c = 0; c < changes; c++)
            {
                // Aim at what the reader parses: the file header, the section headers, the manifest.
                int position = random.Next(3) switch
                {
                    0 => random.Next(64),
                    1 => shoff + random.Next(original.Length - shoff),
                    _ => section.Offset + random.Next(section.Size),
                };
                image[position] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)(image[position] ^ (1 << random.Next(8)));
            }
            int length = random.Next(10) == 0 ? random.Next(original.Length) : original.Length;
            try
            {
                var read = EmbeddedManifest.Read(image.AsMemory(0, length));
                if (read is null || !read.Verified) unverified++;
                else Assert.True(image.AsSpan(0, length).SequenceEqual(original), $"mutation {i} changed the image and still verifies");
            }
            catch (ManifestFormatException)
            {
                formatErrors++;
            }
        }
        Assert.True(formatErrors > 10_000 && unverified > 1_000, $"mutations too narrow: {formatErrors} errors, {unverified} unverified");
    }

    [Fact]
    public void A_name_offset_outside_the_string_table_is_an_error()
    {
        byte[] image = Samples.SealedTrue();
        int shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(0x28));
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(shoff + 64), uint.MaxValue); // section 1's sh_name
        var e = Assert.Throws<ManifestFormatException>(() => ElfSectionReader.Find(image, Encoding.ASCII.GetString("nothing"u8)));
        Assert.Contains("name is outside", e.Message);
    }
}

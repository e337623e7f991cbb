using Xunit.Abstractions;

namespace Islet.Monitor.Loader.Tests;

/// <summary>
/// Real static-pie images (the sealed www image and a clang-built C program) load into 64 MiB
/// of guest memory at 0x400000: every PT_LOAD's bytes equal the file's, its bss is zero, and the
/// entry point, AT_PHDR, TLS and stack flags agree with the program headers read independently.
/// </summary>
[Collection("images")]
public sealed class RealImageLoadTests(Images images, ITestOutputHelper output)
{
    private const ulong MemoryBase = 0x400000, LoadBase = 0x400000;
    private const int MemorySize = 64 << 20;

    [Fact]
    public void Sealed_www_image_segments_match_the_file_and_bss_is_zero()
    {
        if (images.Www is null)
        {
            output.WriteLine("SKIPPED: " + images.WwwSkipReason);
            return;
        }
        CheckLoad(images.Www);
    }

    [Fact]
    public void Clang_static_pie_segments_match_the_file_and_bss_is_zero()
    {
        if (images.Clang is null)
        {
            output.WriteLine("SKIPPED: " + images.ClangSkipReason);
            return;
        }
        LoadedImage loaded = CheckLoad(images.Clang);
        Assert.NotNull(loaded.Tls); // __thread counter = 3
    }

    private LoadedImage CheckLoad(byte[] file)
    {
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        LoadedImage image = StaticPieLoader.Load(file, memory, LoadBase);
        ReadOnlySpan<byte> guest = memory.Contents;

        List<int> loads = Elf64.Loads(file).Where(i => Elf64.U64(file, Elf64.Ph(file, i, Elf64.PMemSize)) > 0).ToList();
        Assert.Equal(loads.Count, image.Segments.Length);
        for (int n = 0; n < loads.Count; n++)
        {
            int i = loads[n];
            ulong offset = Elf64.U64(file, Elf64.Ph(file, i, Elf64.POffset));
            ulong vaddr = Elf64.U64(file, Elf64.Ph(file, i, Elf64.PVaddr));
            ulong filesz = Elf64.U64(file, Elf64.Ph(file, i, Elf64.PFileSize));
            ulong memsz = Elf64.U64(file, Elf64.Ph(file, i, Elf64.PMemSize));
            uint flags = Elf64.U32(file, Elf64.Ph(file, i, Elf64.PFlags));
            LoadedSegment segment = image.Segments[n];
            Assert.Equal(LoadBase + vaddr, segment.Address);
            Assert.Equal(filesz, segment.FileSize);
            Assert.Equal(memsz, segment.MemorySize);
            Assert.Equal((flags & 4) != 0, segment.Permissions.HasFlag(SegmentPermissions.Read));
            Assert.Equal((flags & 2) != 0, segment.Permissions.HasFlag(SegmentPermissions.Write));
            Assert.Equal((flags & 1) != 0, segment.Permissions.HasFlag(SegmentPermissions.Execute));

            int at = (int)(segment.Address - MemoryBase);
            Assert.True(guest.Slice(at, (int)filesz).SequenceEqual(file.AsSpan((int)offset, (int)filesz)), $"segment {i} bytes differ");
            Assert.True(guest.Slice(at + (int)filesz, (int)(memsz - filesz)).IndexOfAnyExcept((byte)0) < 0, $"segment {i} bss is not zero");
            output.WriteLine($"PT_LOAD {i}: 0x{segment.Address:X} filesz 0x{filesz:X} memsz 0x{memsz:X} {segment.Permissions}");
        }

        Assert.Equal(LoadBase + Elf64.U64(file, Elf64.Entry), image.Entry);
        Assert.Equal(Elf64.Count(file), image.ProgramHeaderCount);
        // AT_PHDR points at a copy of the program header table in guest memory.
        int phdr = (int)(image.ProgramHeaderAddress - MemoryBase);
        int table = (int)Elf64.U64(file, Elf64.PhOff);
        Assert.True(guest.Slice(phdr, 56 * image.ProgramHeaderCount).SequenceEqual(file.AsSpan(table, 56 * image.ProgramHeaderCount)));
        Assert.False(image.ExecutableStack);
        Assert.True(image.ImageEnd > image.ImageStart && image.ImageEnd % 4096 == 0);
        output.WriteLine($"entry 0x{image.Entry:X}, AT_PHDR 0x{image.ProgramHeaderAddress:X}, TLS {image.Tls}, end 0x{image.ImageEnd:X}");
        return image;
    }
}

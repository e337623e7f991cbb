using Xunit.Abstractions;

namespace Islet.Monitor.Loader.Tests;

/// <summary>
/// Images the loader must refuse, each with its documented <see cref="ElfLoadError"/>, leaving
/// guest memory untouched. Most are the sealed www image (or the clang program when it is
/// missing) with one field changed.
/// </summary>
[Collection("images")]
public sealed class MalformedImageTests(Images images, ITestOutputHelper output)
{
    private const ulong Base = 0x400000;

    // A fresh copy per use, as the tests change it; null (with the reason printed) if neither image exists.
    private byte[]? Real()
    {
        if ((images.Www ?? images.Clang) is { } image) return (byte[])image.Clone();
        output.WriteLine($"SKIPPED: {images.WwwSkipReason}; {images.ClangSkipReason}");
        return null;
    }

    [Fact]
    public void Dynamically_linked_bin_true_is_refused() =>
        Refused(File.ReadAllBytes("/bin/true"), ElfLoadError.DynamicallyLinked);

    [Fact]
    public void Overlapping_segments_are_refused()
    {
        if (Real() is not { } image) return;
        List<int> loads = Elf64.Loads(image);
        int second = Elf64.Ph(image, loads[1], Elf64.PVaddr);
        // Into the first segment's range, keeping p_vaddr = p_offset modulo the page size.
        ulong first = Elf64.U64(image, Elf64.Ph(image, loads[0], Elf64.PVaddr));
        Elf64.Set64(image, second, (first & ~0xFFFUL) + (Elf64.U64(image, second) & 0xFFF));
        Refused(image, ElfLoadError.OverlappingSegments);
    }

    [Fact]
    public void Segment_past_the_end_of_memory_is_refused()
    {
        if (Real() is not { } image) return;
        Refused(image, ElfLoadError.SegmentOutsideMemory, memorySize: 1 << 20);
        int last = Elf64.Ph(image, Elf64.Loads(image)[^1], Elf64.PVaddr);
        Elf64.Set64(image, last, Elf64.U64(image, last) + (1UL << 40));
        Refused(image, ElfLoadError.SegmentOutsideMemory);
    }

    [Fact]
    public void Segment_wrapping_the_address_space_is_refused()
    {
        if (Real() is not { } image) return;
        int first = Elf64.Ph(image, Elf64.Loads(image)[0], Elf64.PVaddr);
        Elf64.Set64(image, first, ulong.MaxValue - 0xFFFF); // p_vaddr + p_memsz itself may not overflow
        Elf64.Set64(image, Elf64.Ph(image, Elf64.Loads(image)[0], Elf64.PMemSize), 0x1000);
        Elf64.Set64(image, Elf64.Ph(image, Elf64.Loads(image)[0], Elf64.PFileSize), 0x1000);
        Elf64.Set64(image, Elf64.Ph(image, Elf64.Loads(image)[0], Elf64.PAlign), 0);
        Refused(image, ElfLoadError.SegmentOutsideMemory);
    }

    [Fact]
    public void File_size_above_memory_size_is_refused_as_malformed()
    {
        if (Real() is not { } image) return;
        int load = Elf64.Loads(image)[0];
        Elf64.Set64(image, Elf64.Ph(image, load, Elf64.PMemSize), Elf64.U64(image, Elf64.Ph(image, load, Elf64.PFileSize)) - 1);
        ElfLoadException e = Refused(image, ElfLoadError.Malformed);
        Assert.Contains("p_filesz exceeds p_memsz", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(100)]
    [InlineData(4096)]
    public void Truncated_file_is_refused_as_malformed(int length)
    {
        if (Real() is not { } image) return;
        Refused(image[..length], ElfLoadError.Malformed);
    }

    [Fact]
    public void Et_exec_is_refused()
    {
        if (Real() is not { } image) return;
        image[Elf64.Type] = 2;
        Refused(image, ElfLoadError.FixedAddressExecutable);
    }

    [Fact]
    public void Wrong_machine_and_class_are_refused()
    {
        if (Real() is not { } image) return;
        byte[] arm = (byte[])image.Clone();
        arm[Elf64.Machine] = 183; // EM_AARCH64
        Refused(arm, ElfLoadError.NotX86_64);
        image[4] = 1; // ELFCLASS32
        Refused(image, ElfLoadError.NotElf64);
    }

    [Fact]
    public void Entry_outside_code_is_refused()
    {
        if (Real() is not { } image) return;
        Elf64.Set64(image, Elf64.Entry, 0);  // the first, read-only segment
        Refused(image, ElfLoadError.EntryNotExecutable);
    }

    [Fact]
    public void Misaligned_segment_is_refused()
    {
        if (Real() is not { } image) return;
        int load = Elf64.Loads(image)[1];
        Elf64.Set64(image, Elf64.Ph(image, load, Elf64.PVaddr), Elf64.U64(image, Elf64.Ph(image, load, Elf64.PVaddr)) + 8);
        Refused(image, ElfLoadError.BadAlignment);
    }

    [Fact]
    public void Unaligned_load_base_is_a_caller_error()
    {
        if (Real() is not { } image) return;
        Assert.Throws<ArgumentException>(() => StaticPieLoader.Load(image, new ByteArrayGuestMemory(0, 1 << 20), 0x123));
    }

    private static ElfLoadException Refused(byte[] image, ElfLoadError error, int memorySize = 64 << 20)
    {
        var memory = new ByteArrayGuestMemory(Base, memorySize);
        var e = Assert.Throws<ElfLoadException>(() => StaticPieLoader.Load(image, memory, Base));
        Assert.Equal(error, e.Error);
        Assert.True(memory.Contents.IndexOfAnyExcept((byte)0) < 0, "a refused image changed guest memory");
        return e;
    }
}

using Xunit.Abstractions;

namespace Islet.Monitor.Loader.Tests;

/// <summary>
/// The start stack read back with an independent reader: argc, argv, envp, every auxv entry in
/// order, the 16 AT_RANDOM bytes, the strings, and rsp % 16 == 0; and the bounds it enforces.
/// </summary>
[Collection("images")]
public sealed class InitialStackTests(Images images, ITestOutputHelper output)
{
    private const ulong MemoryBase = 0x400000, StackBottom = 0x3F00000, StackTop = 0x4000000;
    private const int MemorySize = 0x4000000 - 0x400000;
    private static readonly byte[] s_random = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

    [Fact]
    public void A_vdso_address_is_passed_as_at_sysinfo_ehdr_and_left_out_when_zero()
    {
        byte[]? file = images.Www ?? images.Clang;
        if (file is null)
        {
            output.WriteLine("SKIPPED: " + images.WwwSkipReason + "; " + images.ClangSkipReason);
            return;
        }
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        LoadedImage image = StaticPieLoader.Load(file, memory, MemoryBase);
        ulong with = InitialStack.Write(memory, StackBottom, StackTop, image, new ProcessStartValues { Arguments = ["/www"], SystemInfoHeader = 0x89e000 }, s_random);
        var stack = new StackReader(memory, with);
        Assert.Equal(0x89e000UL, stack.Aux(33));
        Assert.Equal(0UL, stack.Auxv[^1].Type);
        ulong without = InitialStack.Write(memory, StackBottom, StackTop, image, new ProcessStartValues { Arguments = ["/www"] }, s_random);
        Assert.DoesNotContain(new StackReader(memory, without).Auxv, a => a.Type == 33);
    }

    [Fact]
    public void Stack_of_the_loaded_www_image_reads_back_as_the_kernel_lays_it_out()
    {
        byte[]? file = images.Www ?? images.Clang;
        if (file is null)
        {
            output.WriteLine("SKIPPED: " + images.WwwSkipReason + "; " + images.ClangSkipReason);
            return;
        }
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        LoadedImage image = StaticPieLoader.Load(file, memory, MemoryBase);
        var values = new ProcessStartValues
        {
            Arguments = ["/www", "--port", "80", "héllo"],
            Environment = ["DOTNET_gcServer=0", "ISLET=1"],
            ExecutableName = "/images/www",
            HardwareCapabilities = 0x178BFBFF,
            HardwareCapabilities2 = 2,
        };
        ulong rsp = InitialStack.Write(memory, StackBottom, StackTop, image, values, s_random);

        Assert.Equal(0UL, rsp % 16);
        Assert.InRange(rsp, StackBottom, StackTop - 1);
        var stack = new StackReader(memory, rsp);
        Assert.Equal(values.Arguments, stack.Arguments);
        Assert.Equal(values.Environment, stack.Environment);
        ulong[] expectedOrder = [3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 23, 25, 16, 26, 17, 15, 31, 0];
        Assert.Equal(expectedOrder, stack.Auxv.Select(a => a.Type));
        Assert.Equal(image.ProgramHeaderAddress, stack.Aux(3));
        Assert.Equal(56UL, stack.Aux(4));
        Assert.Equal((ulong)image.ProgramHeaderCount, stack.Aux(5));
        Assert.Equal(4096UL, stack.Aux(6));
        Assert.Equal(0UL, stack.Aux(7));
        Assert.Equal(0UL, stack.Aux(8));
        Assert.Equal(image.Entry, stack.Aux(9));
        foreach (ulong id in (ulong[])[11, 12, 13, 14, 23]) Assert.Equal(0UL, stack.Aux(id));
        Assert.Equal(s_random, stack.Bytes(stack.Aux(25), 16).ToArray());
        Assert.Equal(0x178BFBFFUL, stack.Aux(16));
        Assert.Equal(2UL, stack.Aux(26));
        Assert.Equal(100UL, stack.Aux(17));
        Assert.Equal("x86_64", stack.CString(stack.Aux(15)));
        Assert.Equal("/images/www", stack.CString(stack.Aux(31)));
        // The strings and random bytes lie above the pointers, inside the region.
        foreach (ulong p in (ulong[])[stack.Aux(25), stack.Aux(15), stack.Aux(31)]) Assert.InRange(p, rsp + 8 * 30, StackTop - 1);
        // The program headers AT_PHDR points at are really there: PT_PHDR or PT_LOAD first.
        Assert.InRange(stack.Word(stack.Aux(3)) & 0xFFFF_FFFF, 1UL, 6UL);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(7, 2)]
    public void Rsp_is_16_byte_aligned_for_any_number_of_strings(int argc, int envc)
    {
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        var values = new ProcessStartValues
        {
            Arguments = Enumerable.Range(0, argc).Select(i => new string('a', i + 1)).ToArray(),
            Environment = Enumerable.Range(0, envc).Select(i => $"V{i}={i}").ToArray(),
        };
        foreach (ulong top in (ulong[])[StackTop, StackTop - 8, StackTop - 3])
        {
            ulong rsp = InitialStack.Write(memory, StackBottom, top, FakeImage(), values, s_random);
            Assert.Equal(0UL, rsp % 16);
            var stack = new StackReader(memory, rsp);
            Assert.Equal(values.Arguments, stack.Arguments);
            Assert.Equal(values.Environment, stack.Environment);
            Assert.Equal(argc > 0 ? values.Arguments[0] : "", stack.CString(stack.Aux(31)));
        }
    }

    [Fact]
    public void Strings_over_a_quarter_of_the_stack_are_refused()
    {
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        var values = new ProcessStartValues { Arguments = ["x"], Environment = [new string('e', 0x4000)] };
        Assert.Throws<InitialStackTooLargeException>(() => InitialStack.Write(memory, StackTop - 0x10000, StackTop, FakeImage(), values, s_random));
        Assert.True(memory.Contents.IndexOfAnyExcept((byte)0) < 0, "a refused stack was written");
        // The same strings fit a stack four times as large.
        InitialStack.Write(memory, StackTop - 0x20000, StackTop, FakeImage(), values, s_random);
    }

    [Fact]
    public void Too_many_pointers_for_the_region_are_refused()
    {
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        var values = new ProcessStartValues { Arguments = Enumerable.Repeat("", 600).ToArray() };
        Assert.Throws<InitialStackTooLargeException>(() => InitialStack.Write(memory, StackTop - 4096, StackTop, FakeImage(), values, s_random));
    }

    [Fact]
    public void A_string_over_max_arg_strlen_is_refused()
    {
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        var values = new ProcessStartValues { Arguments = [new string('a', InitialStack.MaxStringLength)] };
        Assert.Throws<InitialStackTooLargeException>(() => InitialStack.Write(memory, StackBottom - 0x1000000, StackTop, FakeImage(), values, s_random));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var memory = new ByteArrayGuestMemory(MemoryBase, MemorySize);
        var values = new ProcessStartValues { Arguments = ["a\0b"] };
        Assert.Throws<ArgumentException>(() => InitialStack.Write(memory, StackBottom, StackTop, FakeImage(), values, s_random));
        var ok = new ProcessStartValues { Arguments = ["a"] };
        Assert.Throws<ArgumentException>(() => InitialStack.Write(memory, StackBottom, StackTop, FakeImage(), ok, s_random[..15]));
        Assert.Throws<ArgumentException>(() => InitialStack.Write(memory, StackTop, StackTop, FakeImage(), ok, s_random));
        Assert.Throws<GuestMemoryFaultException>(() => InitialStack.Write(memory, StackBottom, StackTop + 16, FakeImage(), ok, s_random));
        Assert.Throws<GuestMemoryFaultException>(() => InitialStack.Write(memory, 0, 0x10000, FakeImage(), ok, s_random));
    }

    private static LoadedImage FakeImage() =>
        new(0x400000, 0x401000, 0x400040, 3, [new LoadedSegment(0x400000, 0x2000, 0x2000, SegmentPermissions.Read | SegmentPermissions.Execute)], null, false);
}

using static Islet.Monitor.Memory.Tests.Spaces;

namespace Islet.Monitor.Memory.Tests;

public class MadviseTests
{
    [Fact]
    public void DONTNEED_frees_the_pages_and_they_read_back_as_zero()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0, 4 * Page, RW, Anon);
        for (ulong p = 0; p < 4; p++)
            Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(a + p * Page, AccessKind.Write));
        Assert.Equal(4, space.ChargedPages);

        Assert.Equal(0, space.Madvise(a + Page, 2 * Page, (int)MemoryAdvice.DontNeed));
        Assert.Equal(2, space.ChargedPages);
        Assert.Equal(4 * Page, space.Areas.Single().Length);
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(a, AccessKind.Read));
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(a + Page, AccessKind.Read));
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(a + 2 * Page, AccessKind.Read));
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(a + 3 * Page, AccessKind.Read));
    }

    [Fact]
    public void FREE_behaves_as_DONTNEED()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0, Page, RW, Anon);
        monitor.Access(a, AccessKind.Write);
        Assert.Equal(0, space.Madvise(a, Page, (int)MemoryAdvice.Free));
        Assert.Equal(0, space.ChargedPages);
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(a, AccessKind.Read));
    }

    [Theory]
    [InlineData(MemoryAdvice.DontDump)]
    [InlineData(MemoryAdvice.DoDump)]
    [InlineData(MemoryAdvice.Normal)]
    [InlineData(MemoryAdvice.WillNeed)]
    [InlineData(MemoryAdvice.HugePage)]
    [InlineData(MemoryAdvice.NoHugePage)]
    public void Other_advice_is_a_no_op(MemoryAdvice advice)
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0, 2 * Page, RW, Anon);
        monitor.Access(a, AccessKind.Write);
        var before = space.Areas.ToArray();
        Assert.Equal(0, space.Madvise(a, 2 * Page, (int)advice));
        Assert.Equal(before, space.Areas);
        Assert.Equal(1, space.ChargedPages);
        Assert.Empty(space.TakeUpdates());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(99)]
    [InlineData(-1)]
    public void Unknown_advice_and_MADV_REMOVE_are_EINVAL(int advice)
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, Page, RW, Anon);
        Assert.Equal(-MemoryErrno.EINVAL, space.Madvise(a, Page, advice));
    }

    [Fact]
    public void Unaligned_address_is_EINVAL_and_length_zero_succeeds()
    {
        var space = Empty();
        Assert.Equal(-MemoryErrno.EINVAL, space.Madvise(0x1001, Page, (int)MemoryAdvice.DontNeed));
        Assert.Equal(0, space.Madvise(0x1000, 0, (int)MemoryAdvice.DontNeed));
        Assert.Equal(-MemoryErrno.EINVAL, space.Madvise(0xffff_ffff_ffff_0000, 0x20000, (int)MemoryAdvice.DontNeed));
    }

    [Fact]
    public void A_range_with_a_hole_is_ENOMEM_but_the_mapped_part_is_still_freed()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0x9000_0000, Page, RW, Anon);
        space.Mmap(0x9000_2000, Page, RW, Anon);
        monitor.Access(a, AccessKind.Write);
        monitor.Access(a + 2 * Page, AccessKind.Write);
        Assert.Equal(-MemoryErrno.ENOMEM, space.Madvise(a, 3 * Page, (int)MemoryAdvice.DontNeed));
        Assert.Equal(0, space.ChargedPages);
        Assert.Equal(-MemoryErrno.ENOMEM, space.Madvise(0xa000_0000, Page, (int)MemoryAdvice.DontDump));
    }

    [Fact]
    public void DONTNEED_keeps_image_pages()
    {
        var space = Create();
        var monitor = new FakeMonitor(space, Image);
        Assert.Equal(0, space.Madvise(ImageBase, 4 * Page, (int)MemoryAdvice.DontNeed));
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(ImageBase + 2 * Page, AccessKind.Read));
    }
}

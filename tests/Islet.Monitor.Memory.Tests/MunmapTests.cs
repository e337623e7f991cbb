using static Islet.Monitor.Memory.Tests.Spaces;

namespace Islet.Monitor.Memory.Tests;

public class MunmapTests
{
    [Fact]
    public void Munmap_of_a_hole_succeeds() =>
        Assert.Equal(0, Empty().Munmap(0x5000_0000, 16 * Page));

    [Fact]
    public void Munmap_below_the_range_succeeds() =>
        Assert.Equal(0, Empty().Munmap(0, Page));

    [Fact]
    public void Length_zero_is_EINVAL() =>
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Munmap(0x5000_0000, 0));

    [Fact]
    public void An_unaligned_address_is_EINVAL() =>
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Munmap(0x5000_0010, Page));

    [Fact]
    public void A_range_past_the_end_is_EINVAL()
    {
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Munmap(High - Page, 2 * Page));
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Munmap(High + Page, Page));
    }

    [Fact]
    public void Munmap_in_the_middle_splits_and_frees_the_pages()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0x6000_0000, 3 * Page, RW, Anon);
        for (ulong p = 0; p < 3; p++)
            monitor.Access(a + p * Page, AccessKind.Write);
        Assert.Equal(3, space.ChargedPages);

        Assert.Equal(0, space.Munmap(a + Page, 100));
        monitor.Sync();
        Assert.Equal(2, space.ChargedPages);
        Assert.Equal(2, space.Areas.Count);
        Assert.Equal(2, monitor.PageTableEntries);
        Assert.Equal(PageFaultOutcome.SegvMapError, monitor.Access(a + Page, AccessKind.Read).Outcome);
    }

    [Fact]
    public void Munmap_across_several_areas_and_holes_removes_them_all()
    {
        var space = Empty();
        space.Mmap(0x6000_0000, Page, RW, Anon);
        space.Mmap(0x6000_2000, Page, Protection.Read, Anon);
        space.Mmap(0x6000_4000, 2 * Page, Protection.None, Anon);
        Assert.Equal(0, space.Munmap(0x6000_0000, 5 * Page));
        Assert.Equal([new VirtualMemoryArea(0x6000_5000, 0x6000_6000, Protection.None, VmaKind.Anonymous, false)], space.Areas);
    }

    [Fact]
    public void A_split_that_would_pass_the_area_limit_is_ENOMEM()
    {
        var space = Empty();
        space = new GuestAddressSpace(Low, High, PhysicalBase, 16, [], maxAreaCount: 1);
        ulong a = (ulong)space.Mmap(0, 3 * Page, RW, Anon);
        Assert.Equal(-MemoryErrno.ENOMEM, space.Munmap(a + Page, Page));
        Assert.Equal(0, space.Munmap(a, Page));
        Assert.Single(space.Areas);
    }

    [Fact]
    public void Image_pages_can_be_unmapped_without_touching_the_budget()
    {
        var space = Create();
        var monitor = new FakeMonitor(space, Image);
        Assert.Equal(0, space.Munmap(ImageBase, 4 * Page));
        monitor.Sync();
        Assert.Empty(space.Areas);
        Assert.Equal(0, monitor.PageTableEntries);
        Assert.Equal(0, space.ChargedPages);
    }
}

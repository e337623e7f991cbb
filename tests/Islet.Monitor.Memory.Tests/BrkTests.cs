using static Islet.Monitor.Memory.Tests.Spaces;

namespace Islet.Monitor.Memory.Tests;

public class BrkTests
{
    private const ulong Start = ImageBase + 4 * Page;

    [Fact]
    public void The_initial_break_is_the_end_of_the_image_and_brk_0_reports_it()
    {
        var space = Create();
        Assert.Equal(Start, space.ProgramBreak);
        Assert.Equal(Start, space.Brk(0));
    }

    [Fact]
    public void Growing_maps_read_write_memory_lazily()
    {
        var space = Create();
        var monitor = new FakeMonitor(space, Image);
        Assert.Equal(Start + 0x1234, space.Brk(Start + 0x1234));
        Assert.Equal(new VirtualMemoryArea(Start, Start + 2 * Page, RW, VmaKind.Anonymous, false), space.Areas[^1]);
        Assert.Equal(0, space.ChargedPages);
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(Start + 0x1000, AccessKind.Write));
        Assert.Equal(1, space.ChargedPages);
    }

    [Fact]
    public void Growing_within_the_last_page_only_moves_the_break()
    {
        var space = Create();
        space.Brk(Start + 10);
        Assert.Equal(Start + 4000, space.Brk(Start + 4000));
        Assert.Equal(Page, space.Areas[^1].Length);
    }

    [Fact]
    public void Shrinking_unmaps_and_frees_the_pages_above_the_new_break()
    {
        var space = Create();
        var monitor = new FakeMonitor(space, Image);
        space.Brk(Start + 4 * Page);
        monitor.Access(Start + 3 * Page, AccessKind.Write);
        Assert.Equal(Start + Page, space.Brk(Start + Page));
        Assert.Equal(0, space.ChargedPages);
        Assert.Equal(PageFaultOutcome.SegvMapError, monitor.Access(Start + 3 * Page, AccessKind.Read).Outcome);
        // Growing again gives zeroed memory.
        space.Brk(Start + 4 * Page);
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(Start + 3 * Page, AccessKind.Read));
    }

    [Fact]
    public void Growing_into_another_mapping_or_within_a_page_of_it_fails()
    {
        var space = Create();
        space.Mmap(Start + 4 * Page, Page, RW, Anon | MapFlags.Fixed);
        Assert.Equal(Start, space.Brk(Start + 4 * Page));
        Assert.Equal(Start, space.Brk(Start + 3 * Page + 1));
        Assert.Equal(Start + 3 * Page, space.Brk(Start + 3 * Page));
    }

    [Fact]
    public void Growing_keeps_the_guard_gap_below_a_stack()
    {
        var space = Create();
        space.Mmap(Start + 300 * Page, Page, RW, Anon | MapFlags.Fixed | MapFlags.GrowsDown);
        Assert.Equal(Start, space.Brk(Start + 100 * Page));
        Assert.Equal(Start + 43 * Page, space.Brk(Start + 43 * Page));
    }

    [Fact]
    public void A_request_past_the_range_fails()
    {
        var space = Create();
        Assert.Equal(Start, space.Brk(High + Page));
        Assert.Equal(Start, space.Brk(ulong.MaxValue));
    }
}

using static Islet.Monitor.Memory.Tests.Spaces;

namespace Islet.Monitor.Memory.Tests;

public class PageFaultTests
{
    [Fact]
    public void Page_zero_and_holes_are_SEGV_MAPERR()
    {
        var space = Create();
        var result = space.OnPageFault(0x8, write: false);
        Assert.Equal(PageFaultOutcome.SegvMapError, result.Outcome);
        Assert.Equal(1, result.SignalCode);
        Assert.Null(result.Map);
        Assert.Equal(PageFaultOutcome.SegvMapError, space.OnPageFault(0x5555_0000, write: true).Outcome);
        Assert.Equal(PageFaultOutcome.SegvMapError, space.OnPageFault(ulong.MaxValue, write: true).Outcome);
    }

    [Fact]
    public void A_reservation_is_SEGV_ACCERR()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, Page, Protection.None, Anon);
        Assert.Equal(PageFaultOutcome.SegvAccessError, space.OnPageFault(a + 8, write: false).Outcome);
        Assert.Equal(0, space.ChargedPages);
    }

    [Fact]
    public void A_first_touch_maps_a_fresh_page_without_zeroing_and_charges_it()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, Page, Protection.Read, Anon);
        var result = space.OnPageFault(a + 100, write: false);
        Assert.Equal(PageFaultOutcome.Mapped, result.Outcome);
        Assert.Equal(new MapPage(a, PhysicalBase, Protection.Read, MustZero: false), result.Map);
        Assert.Equal([result.Map!], space.TakeUpdates());
        Assert.Equal(1, space.ChargedPages);
        Assert.True(space.TryGetResidentPage(a + 5, out ulong physical));
        Assert.Equal(PhysicalBase, physical);
    }

    [Fact]
    public void A_reused_physical_page_must_be_zeroed()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, Page, RW, Anon);
        space.OnPageFault(a, write: true);
        space.Madvise(a, Page, (int)MemoryAdvice.DontNeed);
        var result = space.OnPageFault(a, write: true);
        Assert.Equal(new MapPage(a, PhysicalBase, RW, MustZero: true), result.Map);
    }

    [Fact]
    public void A_fault_on_a_resident_page_maps_it_again_without_charging()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, Page, RW, Anon);
        var first = space.OnPageFault(a, write: true);
        var second = space.OnPageFault(a, write: true);
        Assert.Equal(first.Map! with { MustZero = false }, second.Map);
        Assert.Equal(1, space.ChargedPages);
    }

    [Fact]
    public void Instruction_fetches_need_PROT_EXEC()
    {
        var space = Create();
        ulong a = (ulong)space.Mmap(0, Page, RW, Anon);
        Assert.Equal(PageFaultOutcome.SegvAccessError, space.OnPageFault(a, AccessKind.Execute).Outcome);
        Assert.Equal(PageFaultOutcome.Mapped, space.OnPageFault(ImageBase, AccessKind.Execute).Outcome);
        Assert.Equal(PageFaultOutcome.SegvAccessError, space.OnPageFault(ImageBase, AccessKind.Write).Outcome);
    }

    [Fact]
    public void Past_the_budget_a_fault_is_out_of_memory_until_pages_are_freed()
    {
        var space = Empty(physicalPages: 2);
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0, 3 * Page, RW, Anon);
        monitor.Access(a, AccessKind.Write);
        monitor.Access(a + Page, AccessKind.Write);
        Assert.Equal(PageFaultOutcome.OutOfMemory, monitor.Access(a + 2 * Page, AccessKind.Write).Outcome);
        Assert.Equal(2, space.ChargedPages);
        space.Munmap(a, Page);
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(a + 2 * Page, AccessKind.Write));
        Assert.Equal(2, space.ChargedPages);
    }

    [Fact]
    public void A_stack_grows_down_to_a_touched_page()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong s = (ulong)space.Mmap(0x7000_0000, 2 * Page, RW, Anon | MapFlags.GrowsDown);
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(s - 10 * Page + 8, AccessKind.Write));
        Assert.Equal([new VirtualMemoryArea(s - 10 * Page, s + 2 * Page, RW, VmaKind.Anonymous, true)], space.Areas);
    }

    [Fact]
    public void A_stack_does_not_grow_into_the_guard_gap_of_an_accessible_area()
    {
        var space = Empty();
        ulong below = (ulong)space.Mmap(0x7000_0000, Page, RW, Anon);
        ulong s = (ulong)space.Mmap(below + 200 * Page, Page, RW, Anon | MapFlags.GrowsDown);
        Assert.Equal(PageFaultOutcome.SegvMapError, space.OnPageFault(s - Page, write: true).Outcome);
        // A reservation below does not count.
        space.Mprotect(below, Page, Protection.None);
        Assert.Equal(PageFaultOutcome.Mapped, space.OnPageFault(s - Page, write: true).Outcome);
    }

    [Fact]
    public void Placement_keeps_the_guard_gap_below_a_stack()
    {
        var space = Empty();
        ulong s = (ulong)space.Mmap(High - Page, Page, RW, Anon | MapFlags.GrowsDown | MapFlags.Fixed);
        Assert.Equal((long)(s - GuestAddressSpace.StackGuardGap - Page), space.Mmap(0, Page, RW, Anon));
        Assert.Equal((long)(s - GuestAddressSpace.StackGuardGap - 2 * Page), space.Mmap(s - 2 * Page, Page, RW, Anon));
    }
}

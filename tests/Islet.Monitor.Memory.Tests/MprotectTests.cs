using static Islet.Monitor.Memory.Tests.Spaces;

namespace Islet.Monitor.Memory.Tests;

public class MprotectTests
{
    [Fact]
    public void Mprotect_splits_an_area_and_merges_back()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, 4 * Page, Protection.None, Anon);
        Assert.Equal(0, space.Mprotect(a + Page, 2 * Page, RW));
        Assert.Equal(3, space.Areas.Count);
        Assert.Equal(0, space.Mprotect(a + Page, 2 * Page, Protection.None));
        Assert.Equal([new VirtualMemoryArea(a, a + 4 * Page, Protection.None, VmaKind.Anonymous, false)], space.Areas);
    }

    [Fact]
    public void Mprotect_over_a_partial_hole_is_ENOMEM_after_changing_the_part_before_it()
    {
        var space = Empty();
        space.Mmap(0x7000_0000, 2 * Page, Protection.None, Anon);
        space.Mmap(0x7000_3000, Page, Protection.None, Anon);
        Assert.Equal(-MemoryErrno.ENOMEM, space.Mprotect(0x7000_1000, 3 * Page, RW));
        Assert.Equal(
            [
                new VirtualMemoryArea(0x7000_0000, 0x7000_1000, Protection.None, VmaKind.Anonymous, false),
                new VirtualMemoryArea(0x7000_1000, 0x7000_2000, RW, VmaKind.Anonymous, false),
                new VirtualMemoryArea(0x7000_3000, 0x7000_4000, Protection.None, VmaKind.Anonymous, false),
            ],
            space.Areas);
    }

    [Fact]
    public void Mprotect_starting_in_a_hole_is_ENOMEM_and_changes_nothing()
    {
        var space = Empty();
        space.Mmap(0x7000_1000, Page, Protection.None, Anon);
        Assert.Equal(-MemoryErrno.ENOMEM, space.Mprotect(0x7000_0000, 2 * Page, RW));
        Assert.Equal(Protection.None, space.Areas.Single().Protection);
        Assert.Equal(-MemoryErrno.ENOMEM, space.Mprotect(0x7000_5000, Page, RW));
    }

    [Fact]
    public void Length_zero_succeeds_even_in_a_hole() =>
        Assert.Equal(0, Empty().Mprotect(0x7000_0000, 0, RW));

    [Fact]
    public void An_unaligned_address_is_EINVAL() =>
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Mprotect(0x7000_0001, Page, RW));

    [Fact]
    public void PROT_EXEC_is_EPERM() =>
        Assert.Equal(-MemoryErrno.EPERM, Create().Mprotect(ImageBase, Page, Protection.Read | Protection.Execute));

    [Fact]
    public void Unknown_protection_bits_are_EINVAL_and_PROT_SEM_is_ignored()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, Page, Protection.None, Anon);
        Assert.Equal(-MemoryErrno.EINVAL, space.Mprotect(a, Page, (Protection)0x10));
        Assert.Equal(0, space.Mprotect(a, Page, Protection.Read | Protection.Semaphore));
        Assert.Equal(Protection.Read, space.Areas.Single().Protection);
    }

    [Fact]
    public void A_wrapping_range_is_ENOMEM() =>
        Assert.Equal(-MemoryErrno.ENOMEM, Empty().Mprotect(0xffff_ffff_ffff_0000, 0x20000, RW));

    [Fact]
    public void PROT_GROWSUP_is_EINVAL_and_PROT_GROWSDOWN_needs_a_stack()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0x7000_0000, 4 * Page, RW, Anon);
        Assert.Equal(-MemoryErrno.EINVAL, space.Mprotect(a, Page, Protection.Read | Protection.GrowsUp));
        Assert.Equal(-MemoryErrno.EINVAL, space.Mprotect(a, Page, Protection.Read | Protection.GrowsDown));
        ulong s = (ulong)space.Mmap(0x8000_0000, 4 * Page, RW, Anon | MapFlags.GrowsDown);
        Assert.Equal(0, space.Mprotect(s + 2 * Page, Page, Protection.Read | Protection.GrowsDown));
        Assert.Equal(new VirtualMemoryArea(s, s + 3 * Page, Protection.Read, VmaKind.Anonymous, true), space.Areas[1]);
    }

    [Fact]
    public void Resident_pages_keep_their_contents_through_PROT_NONE()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0, 2 * Page, RW, Anon);
        monitor.Access(a, AccessKind.Write);
        Assert.Equal(0, space.Mprotect(a, 2 * Page, Protection.None));
        var updates = space.TakeUpdates();
        var change = Assert.IsType<ChangePagePermissions>(Assert.Single(updates));
        Assert.Equal((a, Protection.None), (change.VirtualAddress, change.Protection));
        Assert.Equal(PageFaultOutcome.SegvAccessError, space.OnPageFault(a, write: false).Outcome);
        Assert.Equal(1, space.ChargedPages);

        Assert.Equal(0, space.Mprotect(a, 2 * Page, RW));
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(a, AccessKind.Read));
    }

    [Fact]
    public void Read_only_pages_fault_on_write_with_SEGV_ACCERR()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        ulong a = (ulong)space.Mmap(0, Page, RW, Anon);
        monitor.Access(a, AccessKind.Write);
        space.Mprotect(a, Page, Protection.Read);
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(a, AccessKind.Read));
        var result = space.OnPageFault(a, write: true);
        Assert.Equal(PageFaultOutcome.SegvAccessError, result.Outcome);
        Assert.Equal(2, result.SignalCode);
    }

    [Fact]
    public void Image_relro_can_be_made_read_only()
    {
        var space = Create();
        var monitor = new FakeMonitor(space, Image);
        Assert.Equal(0, space.Mprotect(ImageBase + 2 * Page, Page, Protection.Read));
        monitor.Sync();
        Assert.Equal(PageFaultOutcome.SegvAccessError, monitor.Access(ImageBase + 2 * Page, AccessKind.Write).Outcome);
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(ImageBase + 3 * Page, AccessKind.Write));
        Assert.Equal(3, space.Areas.Count);
    }

    [Fact]
    public void The_default_area_limit_is_vm_max_map_count()
    {
        var space = Empty();
        ulong a = (ulong)space.Mmap(0, 70_000 * Page, Protection.None, Anon);
        int changed = 0;
        long result;
        while ((result = space.Mprotect(a + (2 * (ulong)changed + 1) * Page, Page, Protection.Read)) == 0)
            changed++;
        Assert.Equal(-MemoryErrno.ENOMEM, result);
        Assert.Equal(GuestAddressSpace.DefaultMaxAreaCount - 1, space.Areas.Count);
        Assert.Equal(32764, changed);
        // Merging back frees areas again.
        Assert.Equal(0, space.Mprotect(a, Page * 4, Protection.None));
        Assert.Equal(0, space.Mprotect(a + (2 * (ulong)changed + 1) * Page, Page, Protection.Read));
    }
}

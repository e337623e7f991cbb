using static Islet.Monitor.Memory.Tests.Spaces;

namespace Islet.Monitor.Memory.Tests;

public class MmapTests
{
    [Fact]
    public void Without_a_hint_the_highest_free_range_is_taken()
    {
        var space = Empty();
        Assert.Equal((long)(High - Page), space.Mmap(0, Page, RW, Anon));
        Assert.Equal((long)(High - 3 * Page), space.Mmap(0, 2 * Page, RW, Anon));
        // Adjacent anonymous areas with the same protection merge.
        Assert.Equal([new VirtualMemoryArea(High - 3 * Page, High, RW, VmaKind.Anonymous, false)], space.Areas);
    }

    [Fact]
    public void Unaligned_length_is_rounded_up()
    {
        var space = Empty();
        long address = space.Mmap(0, 5000, RW, Anon);
        Assert.Equal(2 * Page, space.Areas.Single().Length);
        Assert.Equal((long)(High - 2 * Page), address);
    }

    [Fact]
    public void Length_zero_is_EINVAL() =>
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Mmap(0, 0, RW, Anon));

    [Fact]
    public void A_length_that_overflows_when_rounded_is_ENOMEM() =>
        Assert.Equal(-MemoryErrno.ENOMEM, Empty().Mmap(0, ulong.MaxValue - 5, RW, Anon));

    [Fact]
    public void A_length_larger_than_the_range_is_ENOMEM() =>
        Assert.Equal(-MemoryErrno.ENOMEM, Empty().Mmap(0, High, RW, Anon));

    [Fact]
    public void PROT_EXEC_is_EPERM() =>
        Assert.Equal(-MemoryErrno.EPERM, Empty().Mmap(0, Page, Protection.Read | Protection.Execute, Anon));

    [Fact]
    public void A_mapping_without_MAP_ANONYMOUS_is_EPERM() =>
        Assert.Equal(-MemoryErrno.EPERM, Empty().Mmap(0, Page, RW, MapFlags.Private));

    [Theory]
    [InlineData(MapFlags.Anonymous)]
    [InlineData(MapFlags.Anonymous | MapFlags.Shared)]
    [InlineData(MapFlags.Anonymous | MapFlags.Shared | MapFlags.Private)]
    public void A_type_other_than_MAP_PRIVATE_is_EINVAL(MapFlags flags) =>
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Mmap(0, Page, RW, flags));

    [Fact]
    public void A_free_hint_is_used_rounded_down_to_a_page()
    {
        var space = Empty();
        Assert.Equal(0x1000_0000L, space.Mmap(0x1000_0123, Page, RW, Anon));
    }

    [Fact]
    public void A_hint_below_the_range_means_the_range_start()
    {
        var space = Empty();
        Assert.Equal((long)Low, space.Mmap(0x1000, Page, RW, Anon));
    }

    [Fact]
    public void A_taken_hint_falls_back_to_the_highest_free_range()
    {
        var space = Empty();
        space.Mmap(0x1000_0000, Page, RW, Anon);
        Assert.Equal((long)(High - Page), space.Mmap(0x1000_0000, Page, RW, Anon));
    }

    [Fact]
    public void A_fixed_mapping_over_an_existing_one_replaces_it_and_frees_its_pages()
    {
        var space = Empty();
        var monitor = new FakeMonitor(space);
        long a = space.Mmap(0x2000_0000, 4 * Page, RW, Anon);
        monitor.Access((ulong)a + Page, AccessKind.Write);
        Assert.Equal(1, space.ChargedPages);

        Assert.Equal(a + (long)Page, space.Mmap((ulong)a + Page, 2 * Page, Protection.Read, Anon | MapFlags.Fixed));
        Assert.Equal(0, space.ChargedPages);
        Assert.Equal(
            [
                new VirtualMemoryArea((ulong)a, (ulong)a + Page, RW, VmaKind.Anonymous, false),
                new VirtualMemoryArea((ulong)a + Page, (ulong)a + 3 * Page, Protection.Read, VmaKind.Anonymous, false),
                new VirtualMemoryArea((ulong)a + 3 * Page, (ulong)a + 4 * Page, RW, VmaKind.Anonymous, false),
            ],
            space.Areas);
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access((ulong)a + Page, AccessKind.Read));
    }

    [Fact]
    public void A_fixed_mapping_may_replace_image_pages()
    {
        var space = Create();
        Assert.Equal((long)ImageBase, space.Mmap(ImageBase, Page, RW, Anon | MapFlags.Fixed));
        Assert.False(space.TryGetResidentPage(ImageBase, out _));
        Assert.Equal(VmaKind.Anonymous, space.Areas[0].Kind);
        Assert.Equal(0, space.ChargedPages);
    }

    [Fact]
    public void MAP_FIXED_NOREPLACE_over_a_mapping_is_EEXIST_and_changes_nothing()
    {
        var space = Empty();
        long a = space.Mmap(0x3000_0000, 2 * Page, RW, Anon);
        var before = space.Areas.ToArray();
        Assert.Equal(-MemoryErrno.EEXIST, space.Mmap((ulong)a + Page, 2 * Page, RW, Anon | MapFlags.FixedNoReplace));
        Assert.Equal(before, space.Areas);
        Assert.Equal(a + 2 * (long)Page, space.Mmap((ulong)a + 2 * Page, Page, RW, Anon | MapFlags.FixedNoReplace));
    }

    [Fact]
    public void A_fixed_mapping_at_an_unaligned_address_is_EINVAL() =>
        Assert.Equal(-MemoryErrno.EINVAL, Empty().Mmap(0x2000_0001, Page, RW, Anon | MapFlags.Fixed));

    [Fact]
    public void A_fixed_mapping_below_the_range_is_EPERM()
    {
        Assert.Equal(-MemoryErrno.EPERM, Empty().Mmap(0, Page, RW, Anon | MapFlags.Fixed));
        Assert.Equal(-MemoryErrno.EPERM, Empty().Mmap(Low - Page, 2 * Page, RW, Anon | MapFlags.Fixed));
    }

    [Fact]
    public void A_fixed_mapping_past_the_range_end_is_ENOMEM() =>
        Assert.Equal(-MemoryErrno.ENOMEM, Empty().Mmap(High - Page, 2 * Page, RW, Anon | MapFlags.Fixed));

    [Fact]
    public void MAP_HUGETLB_is_ENOMEM() =>
        Assert.Equal(-MemoryErrno.ENOMEM, Empty().Mmap(0, 2 << 20, RW, Anon | MapFlags.HugeTlb));

    [Fact]
    public void Ignored_flags_are_accepted()
    {
        var space = Empty();
        Assert.True(space.Mmap(0, Page, RW, Anon | MapFlags.NoReserve | MapFlags.Stack | MapFlags.Populate) > 0);
        Assert.Equal(0, space.ChargedPages);
    }

    [Fact]
    public void When_the_range_is_full_mmap_is_ENOMEM()
    {
        var space = new GuestAddressSpace(Low, Low + 4 * Page, PhysicalBase, 16, []);
        Assert.Equal((long)Low, space.Mmap(0, 4 * Page, Protection.None, Anon));
        Assert.Equal(-MemoryErrno.ENOMEM, space.Mmap(0, Page, Protection.None, Anon));
    }

    [Fact]
    public void A_mapping_that_would_pass_the_area_limit_is_ENOMEM()
    {
        var space = Create(maxAreas: 3);
        // The image is two areas already.
        Assert.True(space.Mmap(0x1000_0000, Page, RW, Anon) > 0);
        Assert.Equal(-MemoryErrno.ENOMEM, space.Mmap(0x2000_0000, Page, RW, Anon));
        // Extending an area merges and does not count.
        Assert.Equal(0x1000_1000L, space.Mmap(0x1000_1000, Page, RW, Anon));
        Assert.Equal(3, space.Areas.Count);
    }

    [Fact]
    public void Reservations_and_commits_cost_no_physical_pages()
    {
        var space = Empty(physicalPages: 4);
        long a = space.Mmap(0, 1UL << 40, Protection.None, Anon | MapFlags.NoReserve);
        Assert.True(a > 0);
        Assert.Equal(0, space.Mprotect((ulong)a, 1UL << 30, RW));
        Assert.Equal(0, space.ChargedPages);
        Assert.Empty(space.TakeUpdates());
    }
}

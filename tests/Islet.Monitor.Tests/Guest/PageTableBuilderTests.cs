using Islet.Monitor.Guest;

namespace Islet.Monitor.Tests.Guest;

public sealed class PageTableBuilderTests
{
    private const ulong KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;
    private const ulong TableBase = 0x7000_0000;

    private static readonly GuestMapping[] Mappings =
    [
        new(0x1000, 0x1000, 0xF000, Writable: false, Executable: true),                 // small pages next to page 0
        new(0x20_0000, 0x40_0000, 6 * MiB, Writable: false, Executable: true),           // 2 MiB pages only
        new(0x1_0000_0000 - 4096, 0x90_0000, 4 * MiB + 8192, Writable: true, Executable: false), // crosses a 1 GiB boundary, 4 KiB pages (phys misaligned)
        new(0x7F_FFE0_0000, 0x200_0000, 2 * MiB + 12 * KiB, Writable: true, Executable: false),  // 2 MiB then 4 KiB, crossing a PML4 slot
        new(0x5000_3000, 0x300_0000, 16 * KiB, Writable: true, Executable: true),
    ];

    private static (TableWalker Walker, PageTableBuilder Builder) Build()
    {
        var builder = new PageTableBuilder();
        foreach (GuestMapping m in Mappings) builder.Map(m);
        byte[] image = builder.Build(TableBase);
        Assert.Equal(builder.TablePageCount * 4096, image.Length);
        return (new TableWalker(image, TableBase), builder);
    }

    [Fact]
    public void Every_page_of_every_mapping_translates_with_its_permissions()
    {
        var (walker, _) = Build();
        foreach (GuestMapping m in Mappings)
        {
            for (ulong offset = 0; offset < m.Length; offset += 4096)
            {
                foreach (ulong within in new ulong[] { 0, 0x7FF, 4095 })
                {
                    TableWalker.Translation? t = walker.Walk(m.VirtualAddress + offset + within);
                    Assert.NotNull(t);
                    Assert.Equal(m.PhysicalAddress + offset + within, t.Physical);
                    Assert.Equal(m.Writable, t.Writable);
                    Assert.Equal(m.Executable, t.Executable);
                    Assert.True(t.User);
                }
            }
        }
    }

    [Fact]
    public void Unmapped_addresses_fault_and_page_zero_is_never_mapped()
    {
        var (walker, _) = Build();
        foreach (ulong address in new ulong[] { 0, 8, 4095, 0x10000, 0x1F_FFFF, 0x80_0000, 0x1_0040_2000, 0x5000_2FFF, 0x5000_7000,
                     0x80_0000_3000, 1UL << 46, 0x7FFF_FFFF_F000, 3 * GiB })
        {
            Assert.Null(walker.Walk(address));
        }
        Assert.Throws<ArgumentException>(() => new PageTableBuilder().Map(new(0, 0, 8192, true, false)));
    }

    [Fact]
    public void Large_pages_are_used_only_where_both_addresses_are_aligned()
    {
        var (walker, _) = Build();
        Assert.Equal(2 * (int)MiB, walker.Walk(0x20_0000)!.PageSize);
        Assert.Equal(2 * (int)MiB, walker.Walk(0x7F_FFE0_0000)!.PageSize);
        Assert.Equal(4096, walker.Walk(0x80_0000_0000)!.PageSize);
        Assert.Equal(4096, walker.Walk(0x1_0000_0000)!.PageSize); // 2 MiB-aligned virtual, misaligned physical
        Assert.Equal(4096, walker.Walk(0x1000)!.PageSize);
    }

    [Fact]
    public void Every_entry_at_every_level_carries_the_user_bit()
    {
        var (walker, _) = Build();
        Assert.All(walker.PresentEntries(), entry => Assert.True((entry & 4) != 0, $"entry 0x{entry:x} lacks U"));
    }

    [Theory]
    [InlineData(0x2000UL, 0x2000UL, 0UL)]                  // empty
    [InlineData(0x2001UL, 0x2000UL, 0x1000UL)]             // misaligned virtual
    [InlineData(0x2000UL, 0x2800UL, 0x1000UL)]             // misaligned physical
    [InlineData(0x8000_0000_0000UL, 0x2000UL, 0x1000UL)]   // not canonical lower half
    [InlineData(0x7FFF_FFFF_F000UL, 0x2000UL, 0x2000UL)]   // runs past the lower half
    [InlineData(0x1000UL, 0x2000UL, 0x1000UL)]             // overlaps the first mapping
    public void Bad_mappings_are_refused(ulong virt, ulong phys, ulong length)
    {
        var builder = new PageTableBuilder();
        builder.Map(new(0x1000, 0x1000, 0x1000, true, false));
        int pages = builder.TablePageCount;
        Assert.Throws<ArgumentException>(() => builder.Map(new(virt, phys, length, true, false)));
        Assert.Equal(pages, builder.TablePageCount);
        Assert.Single(builder.Mappings);
    }
}

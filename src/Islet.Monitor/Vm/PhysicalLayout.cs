using Islet.Monitor.Guest;

namespace Islet.Monitor.Vm;

/// <summary>
/// Where everything lives in a guest's physical memory (one KVM slot from address 0):
/// the system area (GDT, IDT, stubs, TSSs, exception stacks; identity-mapped) at
/// <see cref="SystemBase"/>, the page-table pool at <see cref="TablesBase"/> (never mapped into
/// the guest), the image at <see cref="ImageBase"/> (identity-mapped, so a segment's virtual
/// address is its physical address), then the budget of anonymous pages at
/// <see cref="BudgetBase"/>. Physical page 0 and virtual page 0 stay unused.
/// </summary>
public sealed class PhysicalLayout
{
    /// <summary>Bytes in a page.</summary>
    public const ulong PageSize = 4096;
    /// <summary>The system area's address (virtual = physical).</summary>
    public const ulong SystemBase = 0x1000;
    /// <summary>The first page-table page (the PML4).</summary>
    public const ulong TablesBase = 0x10_0000;
    /// <summary>The top of the guest's mmap range (exclusive): 64 TiB, well inside the 47-bit user half.</summary>
    public const ulong VirtualTop = 1UL << 46;
    private const ulong LargePage = 2UL << 20;

    /// <summary>A layout for an image spanning <paramref name="imageSpan"/> bytes from its lowest p_vaddr, <paramref name="vcpuSlots"/> vCPUs and a budget of <paramref name="budgetBytes"/>.</summary>
    public PhysicalLayout(ulong imageSpan, int vcpuSlots, ulong budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(budgetBytes);
        System = new GuestLayout(SystemBase, vcpuSlots);
        if (System.Base + System.Size > TablesBase) throw new ArgumentOutOfRangeException(nameof(vcpuSlots), "the system area does not fit below the page tables");
        BudgetPages = (long)(budgetBytes / PageSize);
        // One table page maps 2 MiB; a guest that scatters its pages needs more. 1024 spare pages
        // cover the directories of the sparse reservations the runtime makes.
        TablePages = BudgetPages / 128 + 1024;
        ImageBase = AlignUp(TablesBase + (ulong)TablePages * PageSize, LargePage);
        BudgetBase = AlignUp(ImageBase + imageSpan, LargePage);
        Size = BudgetBase + (ulong)BudgetPages * PageSize;
    }

    /// <summary>The CPU structures.</summary>
    public GuestLayout System { get; }

    /// <summary>Pages in the page-table pool.</summary>
    public long TablePages { get; }

    /// <summary>Where the image's lowest segment is loaded (virtual = physical).</summary>
    public ulong ImageBase { get; }

    /// <summary>The first budget page.</summary>
    public ulong BudgetBase { get; }

    /// <summary>How many pages anonymous memory may use.</summary>
    public long BudgetPages { get; }

    /// <summary>Bytes of guest-physical memory in all.</summary>
    public ulong Size { get; }

    /// <summary>Rounds <paramref name="value"/> up to a multiple of <paramref name="alignment"/> (a power of two).</summary>
    public static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);
}

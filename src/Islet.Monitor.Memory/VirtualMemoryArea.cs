namespace Islet.Monitor.Memory;

/// <summary>
/// One area of the guest's address space: [<see cref="Start"/>, <see cref="End"/>), page-aligned,
/// non-empty, with one protection. In <see cref="GuestAddressSpace.Areas"/> the areas are sorted,
/// disjoint, and two adjacent areas never have the same protection, kind and growth direction
/// (they are merged).
/// </summary>
/// <param name="Start">The first address (page-aligned).</param>
/// <param name="End">The address just past the area (page-aligned, greater than <paramref name="Start"/>).</param>
/// <param name="Protection">The protection of every page in it.</param>
/// <param name="Kind">What backs it.</param>
/// <param name="GrowsDown">Whether it is a MAP_GROWSDOWN stack.</param>
public readonly record struct VirtualMemoryArea(ulong Start, ulong End, Protection Protection, VmaKind Kind, bool GrowsDown)
{
    /// <summary>The length in bytes.</summary>
    public ulong Length => End - Start;

    internal bool SameAttributes(in VirtualMemoryArea other) =>
        Protection == other.Protection && Kind == other.Kind && GrowsDown == other.GrowsDown;
}

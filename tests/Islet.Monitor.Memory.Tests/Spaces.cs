namespace Islet.Monitor.Memory.Tests;

/// <summary>Address spaces for the tests.</summary>
internal static class Spaces
{
    public const ulong Page = GuestAddressSpace.PageSize;
    public const ulong Low = 0x10000;
    public const ulong High = 0x7fff_0000_0000;
    public const ulong PhysicalBase = 0x100_0000;
    public const ulong ImageBase = 0x40_0000;

    public const MapFlags Anon = MapFlags.Private | MapFlags.Anonymous;
    public const Protection RW = Protection.Read | Protection.Write;

    /// <summary>The image: 2 pages of text, 2 pages of data, at <see cref="ImageBase"/>, backed below the budget.</summary>
    public static readonly ImageSegment[] Image =
    [
        new(ImageBase, 2 * Page, Protection.Read | Protection.Execute, 0x10_0000),
        new(ImageBase + 2 * Page, 2 * Page, RW, 0x10_2000),
    ];

    public static GuestAddressSpace Create(long physicalPages = 1024, int maxAreas = GuestAddressSpace.DefaultMaxAreaCount) =>
        new(Low, High, PhysicalBase, physicalPages, Image, maxAreaCount: maxAreas);

    public static GuestAddressSpace Empty(long physicalPages = 1024) =>
        new(Low, High, PhysicalBase, physicalPages, []);
}

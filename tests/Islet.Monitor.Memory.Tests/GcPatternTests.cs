using static Islet.Monitor.Memory.Tests.Spaces;

namespace Islet.Monitor.Memory.Tests;

/// <summary>What .NET's GC does with regions: reserve, commit pieces, decommit, recommit.</summary>
public class GcPatternTests
{
    private const ulong GiB = 1UL << 30;
    private const ulong Piece = 64 * Page;

    [Fact]
    public void Reserve_commit_decommit_recommit()
    {
        var space = Create(physicalPages: 256);
        var monitor = new FakeMonitor(space, Image);
        ulong range = (ulong)space.Mmap(0, GiB, Protection.None, Anon | MapFlags.NoReserve);
        Assert.Equal(0, space.ChargedPages);

        // Commit four pieces spread over the range and fill them.
        ulong[] pieces = [range, range + 256 * Page, range + GiB / 2, range + GiB - Piece];
        foreach (ulong piece in pieces)
        {
            Assert.Equal(0, space.Mprotect(piece, Piece, RW));
            for (ulong p = 0; p < Piece; p += Page)
                Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(piece + p, AccessKind.Write));
        }
        Assert.Equal(256, space.ChargedPages);
        Assert.Equal(PageFaultOutcome.SegvAccessError, monitor.Access(range + GiB / 4, AccessKind.Read).Outcome);

        // The budget is spent: one more committed page is out of memory.
        ulong extra = range + 128 * Page;
        space.Mprotect(extra, Page, RW);
        Assert.Equal(PageFaultOutcome.OutOfMemory, monitor.Access(extra, AccessKind.Write).Outcome);

        // Decommit two pieces as the GC does (DONTNEED, then PROT_NONE): the charge goes down.
        foreach (ulong piece in pieces[1..3])
        {
            Assert.Equal(0, space.Madvise(piece, Piece, (int)MemoryAdvice.DontNeed));
            Assert.Equal(0, space.Mprotect(piece, Piece, Protection.None));
            Assert.Equal(0, space.Madvise(piece, Piece, (int)MemoryAdvice.DontDump));
        }
        Assert.Equal(128, space.ChargedPages);
        Assert.Equal(PageFaultOutcome.SegvAccessError, monitor.Access(pieces[1], AccessKind.Read).Outcome);

        // Recommit: the pages read back as zero; the untouched pieces keep their data.
        foreach (ulong piece in pieces[1..3])
        {
            Assert.Equal(0, space.Mprotect(piece, Piece, RW));
            for (ulong p = 0; p < Piece; p += Page)
                Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(piece + p, AccessKind.Read));
        }
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(pieces[0], AccessKind.Read));
        Assert.Equal((PageFaultOutcome.Mapped, false), monitor.Access(pieces[3] + Piece - Page, AccessKind.Read));
        Assert.Equal(256, space.ChargedPages);

        // Decommit by mapping PROT_NONE over the piece (MAP_FIXED), as the GC's VirtualDecommit does.
        Assert.Equal((long)pieces[0], space.Mmap(pieces[0], Piece, Protection.None, Anon | MapFlags.Fixed));
        Assert.Equal(192, space.ChargedPages);
        space.Mprotect(pieces[0], Piece, RW);
        Assert.Equal((PageFaultOutcome.Mapped, true), monitor.Access(pieces[0], AccessKind.Read));

        // Release the whole range.
        Assert.Equal(0, space.Munmap(range, GiB));
        Assert.Equal(0, space.ChargedPages);
        monitor.Sync();
        Assert.Equal(4, monitor.PageTableEntries);
        Assert.Equal(2, space.Areas.Count);
    }

    [Fact]
    public void A_large_reservation_with_few_commits_stays_cheap()
    {
        var space = Empty(physicalPages: 16);
        ulong range = (ulong)space.Mmap(0, 256 * GiB, Protection.None, Anon | MapFlags.NoReserve);
        for (ulong i = 0; i < 10_000; i++)
        {
            ulong piece = range + i * 16 * Page;
            Assert.Equal(0, space.Mprotect(piece, Page, RW));
            Assert.Equal(PageFaultOutcome.Mapped, space.OnPageFault(piece, write: true).Outcome);
            Assert.Equal(0, space.Madvise(piece, Page, (int)MemoryAdvice.DontNeed));
            Assert.Equal(0, space.Mprotect(piece, Page, Protection.None));
        }
        Assert.Single(space.Areas);
        Assert.Equal(0, space.ChargedPages);
        Assert.Equal(0, space.Munmap(range, 256 * GiB));
    }
}

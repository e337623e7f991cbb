using System.Buffers.Binary;

namespace Islet.Monitor.Tests.Guest;

/// <summary>
/// An x86-64 4-level page walk over a table image, written from the architecture manual and
/// independent of the builder: returns the physical address and effective permissions of a
/// virtual address (writable and user only if every level allows it; executable unless any
/// level sets NX), or null for a not-present entry at any level.
/// </summary>
internal sealed class TableWalker(byte[] image, ulong imageBase)
{
    public sealed record Translation(ulong Physical, bool Writable, bool User, bool Executable, int PageSize);

    public Translation? Walk(ulong virtualAddress)
    {
        ulong table = imageBase;
        bool writable = true, user = true, executable = true;
        for (int level = 4; level >= 1; level--)
        {
            int shift = 12 + 9 * (level - 1);
            ulong index = (virtualAddress >> shift) & 0x1FF;
            ulong entry = Read(table + index * 8);
            if ((entry & 1) == 0) return null;
            writable &= (entry & 2) != 0;
            user &= (entry & 4) != 0;
            executable &= (entry >> 63) == 0;
            ulong frame = entry & 0x000F_FFFF_FFFF_F000;
            bool large = level is 2 or 3 && (entry & 0x80) != 0;
            if (level == 1 || large)
            {
                ulong pageMask = (1UL << shift) - 1;
                return new Translation((frame & ~pageMask) | (virtualAddress & pageMask), writable, user, executable, 1 << shift);
            }
            table = frame;
        }
        return null;
    }

    /// <summary>Every present entry at every level, for checks such as "the U bit is everywhere".</summary>
    public IEnumerable<ulong> PresentEntries()
    {
        for (int offset = 0; offset < image.Length; offset += 8)
        {
            ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(offset));
            if ((entry & 1) != 0) yield return entry;
        }
    }

    private ulong Read(ulong physical)
    {
        if (physical < imageBase || physical - imageBase + 8 > (ulong)image.Length)
            throw new InvalidOperationException($"a table entry points outside the table image: 0x{physical:x}");
        return BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan((int)(physical - imageBase)));
    }
}

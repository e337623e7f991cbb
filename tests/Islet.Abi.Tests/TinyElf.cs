using System.Buffers.Binary;

namespace Islet.Abi.Tests;

/// <summary>
/// A minimal, valid ELF64 LE x86-64 file written field by field (gABI layout), so that
/// malformed-input tests can break one field at a known offset: header, one PT_LOAD, and
/// three sections (null, .shstrtab, .data holding "ISLETABI").
/// </summary>
internal static class TinyElf
{
    public const int PhOff = 32, ShOff = 40, PhEntSize = 54, PhNum = 56, ShEntSize = 58, ShNum = 60, ShStrNdx = 62;
    public const int ProgramHeader = 64;                 // one 56-byte entry
    public const int Names = 120;                        // "\0.shstrtab\0.data\0"
    public const int NamesLength = 17;
    public const int Data = 137;                         // "ISLETABI"
    public const int SectionHeaders = 152;               // three 64-byte entries
    public const int Length = SectionHeaders + 3 * 64;

    /// <summary>Offset of field <paramref name="field"/> in section header <paramref name="index"/>.</summary>
    public static int Section(int index, int field) => SectionHeaders + 64 * index + field;

    public const int ShName = 0, ShType = 4, ShOffset = 24, ShSize = 32;
    public const int PFileSize = ProgramHeader + 32, PMemSize = ProgramHeader + 40, POffset = ProgramHeader + 8, PVaddr = ProgramHeader + 16;

    public static byte[] Build()
    {
        var b = new byte[Length];
        Span<byte> s = b;
        "\u007fELF"u8.CopyTo(s);
        s[4] = 2; s[5] = 1; s[6] = 1;                  // ELFCLASS64, little-endian, version 1
        BinaryPrimitives.WriteUInt16LittleEndian(s[16..], 2);     // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(s[18..], 62);    // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], 0x400000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[PhOff..], ProgramHeader);
        BinaryPrimitives.WriteUInt64LittleEndian(s[ShOff..], SectionHeaders);
        BinaryPrimitives.WriteUInt16LittleEndian(s[52..], 64);
        BinaryPrimitives.WriteUInt16LittleEndian(s[PhEntSize..], 56);
        BinaryPrimitives.WriteUInt16LittleEndian(s[PhNum..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(s[ShEntSize..], 64);
        BinaryPrimitives.WriteUInt16LittleEndian(s[ShNum..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(s[ShStrNdx..], 1);

        BinaryPrimitives.WriteUInt32LittleEndian(s[ProgramHeader..], 1);        // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(s[(ProgramHeader + 4)..], 5);  // R|X
        BinaryPrimitives.WriteUInt64LittleEndian(s[PVaddr..], 0x400000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(ProgramHeader + 24)..], 0x400000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[PFileSize..], Length);
        BinaryPrimitives.WriteUInt64LittleEndian(s[PMemSize..], Length + 0x1000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(ProgramHeader + 48)..], 0x1000);

        "\0.shstrtab\0.data\0"u8.CopyTo(s[Names..]);
        "ISLETABI"u8.CopyTo(s[Data..]);
        WriteSection(s, 1, name: 1, type: 3, flags: 0, offset: Names, size: NamesLength);
        WriteSection(s, 2, name: 11, type: 1, flags: 3, offset: Data, size: 8);
        return b;
    }

    private static void WriteSection(Span<byte> s, int index, uint name, uint type, ulong flags, ulong offset, ulong size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(s[Section(index, ShName)..], name);
        BinaryPrimitives.WriteUInt32LittleEndian(s[Section(index, ShType)..], type);
        BinaryPrimitives.WriteUInt64LittleEndian(s[Section(index, 8)..], flags);
        BinaryPrimitives.WriteUInt64LittleEndian(s[Section(index, ShOffset)..], offset);
        BinaryPrimitives.WriteUInt64LittleEndian(s[Section(index, ShSize)..], size);
        BinaryPrimitives.WriteUInt64LittleEndian(s[Section(index, 48)..], 1);
    }
}

namespace Islet.Abi.Elf;

/// <summary>
/// The input is not an ELF64 little-endian x86-64 file this reader accepts: truncated,
/// with offsets or sizes past the end of the file, inconsistent tables, or a feature it
/// does not support (extended section or segment numbering). The only exception
/// <see cref="ElfFile.Parse"/> throws for any input; the message says what was wrong.
/// </summary>
public sealed class ElfFormatException : Exception
{
    /// <summary>Creates the exception with a message describing the defect.</summary>
    public ElfFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ElfFormatException() : base("Malformed ELF file.")
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ElfFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

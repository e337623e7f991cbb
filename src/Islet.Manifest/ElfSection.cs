namespace Islet.Manifest;

/// <summary>A section found by <see cref="ElfSectionReader"/>: where its bytes are in the file.</summary>
/// <param name="Offset">The section's offset in the file (<c>sh_offset</c>).</param>
/// <param name="Size">Its size in bytes (<c>sh_size</c>); its bytes lie inside the file.</param>
/// <param name="Type">Its <c>sh_type</c> (1 = PROGBITS).</param>
public readonly record struct ElfSection(int Offset, int Size, uint Type);

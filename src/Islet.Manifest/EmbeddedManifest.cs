namespace Islet.Manifest;

/// <summary>The manifest read from an image's <see cref="IsletManifest.SectionName"/> section, and whether the image's hash verifies.</summary>
/// <param name="Manifest">The parsed, checked manifest.</param>
/// <param name="Json">The section's bytes: the manifest's JSON exactly as sealed.</param>
/// <param name="HashFieldOffset">The file offset of the 64 hash characters.</param>
/// <param name="ComputedSha256">The hash of the file by the rule, lower-case hex.</param>
public sealed record EmbeddedManifest(IsletManifest Manifest, ReadOnlyMemory<byte> Json, int HashFieldOffset, string ComputedSha256)
{
    /// <summary>True when the hash the manifest states is the hash of the file by the rule: the image is as sealed.</summary>
    public bool Verified => string.Equals(Manifest.ImageSha256, ComputedSha256, StringComparison.Ordinal);

    /// <summary>
    /// Reads the manifest of <paramref name="image"/> (a whole image file); null when the file is
    /// an ELF file without the section. Throws <see cref="ManifestFormatException"/> when the file
    /// is not a valid ELF64 file or the section does not hold a valid manifest; never any other
    /// exception. A manifest that does not verify is returned, with <see cref="Verified"/> false.
    /// </summary>
    public static EmbeddedManifest? Read(ReadOnlyMemory<byte> image)
    {
        var section = ElfSectionReader.Find(image.Span, IsletManifest.SectionName);
        if (section is not { } s) return null;
        if (s.Size == 0) throw new ManifestFormatException($"the {IsletManifest.SectionName} section is empty");
        var json = image.Slice(s.Offset, s.Size);
        var manifest = ManifestJson.Parse(json.Span);
        int field = s.Offset + ManifestJson.FindHashValue(json.Span);
        return new EmbeddedManifest(manifest, json, field, ImageHash.Compute(image.Span, field));
    }

    /// <summary>
    /// Reads and checks the manifest of <paramref name="image"/> without hashing the file (for a
    /// launcher that starts the image at once); null when the file has no section. Throws
    /// <see cref="ManifestFormatException"/> like <see cref="Read"/>.
    /// </summary>
    public static IsletManifest? ReadManifest(ReadOnlySpan<byte> image)
    {
        var section = ElfSectionReader.Find(image, IsletManifest.SectionName);
        if (section is not { } s) return null;
        if (s.Size == 0) throw new ManifestFormatException($"the {IsletManifest.SectionName} section is empty");
        return ManifestJson.Parse(image.Slice(s.Offset, s.Size));
    }
}

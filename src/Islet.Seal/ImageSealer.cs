using System.Security.Cryptography;
using Islet.Manifest;

namespace Islet.Seal;

/// <summary>
/// Embeds a manifest into an ELF image as the <see cref="IsletManifest.SectionName"/> section
/// with GNU objcopy, then seals its hash in place by the rule <see cref="IsletManifest"/> states.
/// </summary>
public static class ImageSealer
{
    /// <summary>
    /// Seals <paramref name="image"/> with <paramref name="manifest"/> (whose
    /// <see cref="IsletManifest.ImageSha256"/> is replaced by the placeholder first). The
    /// manifest's JSON is written to <paramref name="manifestFile"/> for objcopy to read. A
    /// manifest section already in the image is removed first, so sealing twice gives the same
    /// file. Returns the sealed manifest with its hash. Throws <see cref="SealException"/> when
    /// objcopy is missing or fails, or the result does not read back as sealed.
    /// </summary>
    public static IsletManifest Seal(string image, IsletManifest manifest, string manifestFile, string objcopy)
    {
        var placeholder = manifest with { ImageSha256 = IsletManifest.HashPlaceholder };
        byte[] json = ManifestJson.Serialize(placeholder);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(manifestFile))!);
        File.WriteAllBytes(manifestFile, json);

        if (FindSection(image) is not null)
        {
            Objcopy(objcopy, "--remove-section", IsletManifest.SectionName, image);
        }
        Objcopy(objcopy, "--add-section", $"{IsletManifest.SectionName}={manifestFile}",
            "--set-section-flags", $"{IsletManifest.SectionName}=noload,readonly", image);

        byte[] file = ReadImage(image);
        var section = FindSection(file) ?? throw new SealException($"objcopy left no {IsletManifest.SectionName} section in {image}");
        if (!file.AsSpan(section.Offset, section.Size).SequenceEqual(json))
        {
            throw new SealException($"the {IsletManifest.SectionName} section of {image} is not the manifest written");
        }
        int field = section.Offset + ManifestJson.FindHashValue(json);
        string hash = ImageHash.Seal(file, field);
        using (var handle = File.OpenHandle(image, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.Write(handle, file.AsSpan(field, ImageHash.HexLength), field);
        }

        var check = EmbeddedManifest.Read(ReadImage(image));
        if (check is not { Verified: true }) throw new SealException($"{image} does not verify after sealing");
        return check.Manifest;
    }

    /// <summary>The SHA-256 of the whole file at <paramref name="path"/>, lower-case hex (what <c>sha256sum</c> prints).</summary>
    public static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static ElfSection? FindSection(string image) => FindSection(ReadImage(image));

    private static ElfSection? FindSection(byte[] file)
    {
        try
        {
            return ElfSectionReader.Find(file, IsletManifest.SectionName);
        }
        catch (ManifestFormatException e)
        {
            throw new SealException(e.Message);
        }
    }

    private static byte[] ReadImage(string image)
    {
        try
        {
            return File.ReadAllBytes(image);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SealException($"cannot read the image {image}: {e.Message}");
        }
    }

    private static void Objcopy(string objcopy, params string[] arguments)
    {
        var result = ToolRunner.Run(objcopy, arguments)
            ?? throw new SealException($"'{objcopy}' (GNU binutils) was not found; install binutils or set IsletObjcopy to its path");
        if (result.ExitCode != 0)
        {
            throw new SealException($"{objcopy} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Stderr.Trim()}");
        }
    }
}

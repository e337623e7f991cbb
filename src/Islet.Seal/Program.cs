using Islet.Seal;

// Exit codes: 0 sealed, 1 usage, 2 the image cannot be sealed. Errors use the canonical
// "origin: error CODE: text" form, which MSBuild's Exec task reports as build errors.
const string Usage =
    "usage: Islet.Seal --inputs FILE\n" +
    "  Seals the image FILE describes (one key=value a line; see build/Islet.Seal.targets):\n" +
    "  embeds the manifest as the .islet.manifest ELF section, seals its SHA-256 and writes IMAGE.cdx.json.";

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(Usage);
    return 0;
}
if (args is not ["--inputs", var inputs])
{
    Console.Error.WriteLine("Islet.Seal: error ISLET2001: expected --inputs FILE");
    Console.Error.WriteLine(Usage);
    return 1;
}

try
{
    var options = SealOptions.Parse(File.ReadAllLines(inputs));
    var manifest = Sealer.Run(options, Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
    Console.WriteLine($"Islet.Seal: {options.Image}: sealed {manifest.ImageSha256} ({manifest.Devices.Count} devices, " +
        $"{manifest.Provenance.Packages.Count} packages) -> {options.SbomFile}");
    return 0;
}
catch (SealException e)
{
    Console.Error.WriteLine($"Islet.Seal: error ISLET2002: {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Islet.Seal: error ISLET2003: {e.Message}");
    return 2;
}

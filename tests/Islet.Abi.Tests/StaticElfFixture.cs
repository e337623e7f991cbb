namespace Islet.Abi.Tests;

/// <summary>
/// A static-pie C program built once with clang (tests that need it skip with
/// <see cref="SkipReason"/> where clang is absent), the same with an
/// <c>.islet.manifest</c> section added by objcopy, and the manifest's bytes.
/// </summary>
public sealed class StaticElfFixture : IDisposable
{
    private readonly string _directory = ExternalTool.TempDirectory("islet-abi-");

    public StaticElfFixture()
    {
        string source = Path.Combine(_directory, "hello.c");
        File.WriteAllText(source, "#include <stdio.h>\nint counter;\nint main(void) { puts(\"hello\"); return counter; }\n");
        StaticPie = Path.Combine(_directory, "hello");
        (int exit, string output) = ExternalTool.Run("clang", "-static-pie", "-O1", "-o", StaticPie, source);
        if (exit != 0)
        {
            SkipReason = "clang could not build a static-pie binary: " + output;
            return;
        }

        Manifest = "{\"name\":\"www\",\"devices\":[{\"name\":\"net0\",\"kind\":\"net\"}]}\n"u8.ToArray();
        string manifestFile = Path.Combine(_directory, "manifest.json");
        File.WriteAllBytes(manifestFile, Manifest);
        WithManifest = Path.Combine(_directory, "hello-manifest");
        (exit, output) = ExternalTool.Run("objcopy",
            "--add-section", ".islet.manifest=" + manifestFile,
            "--set-section-flags", ".islet.manifest=noload,readonly",
            StaticPie, WithManifest);
        if (exit != 0) SkipReason = "objcopy could not add the manifest section: " + output;
    }

    /// <summary>Why the binaries are missing, or null if they were built.</summary>
    public string? SkipReason { get; }

    public string StaticPie { get; }

    public string WithManifest { get; } = "";

    public byte[] Manifest { get; } = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

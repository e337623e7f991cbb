using System.Buffers.Binary;
using System.Reflection;
using Islet.Tests.Shared;

namespace Islet.Monitor.Loader.Tests;

/// <summary>
/// The real images the tests load, each with a reason when it is unavailable: the sealed
/// www image (ISLET_WWW_IMAGE, or built with the repository's islet command for spt), and a
/// static-pie C program built with clang. Each is made on first use.
/// </summary>
public sealed class Images : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("islet-loader-").FullName;
    private readonly Lazy<(byte[]? Image, string? Reason)> _www;
    private readonly Lazy<(byte[]? Image, string? Reason)> _clang;

    public Images()
    {
        _www = new(BuildWww);
        _clang = new(BuildClang);
    }

    /// <summary>The sealed www image's bytes, or null with <see cref="WwwSkipReason"/>.</summary>
    public byte[]? Www => _www.Value.Image;

    public string? WwwSkipReason => _www.Value.Reason;

    /// <summary>A clang -static-pie C program's bytes, or null with <see cref="ClangSkipReason"/>.</summary>
    public byte[]? Clang => _clang.Value.Image;

    public string? ClangSkipReason => _clang.Value.Reason;

    private (byte[]?, string?) BuildWww()
    {
        string? given = Environment.GetEnvironmentVariable("ISLET_WWW_IMAGE");
        if (!string.IsNullOrEmpty(given))
            return File.Exists(given) ? (File.ReadAllBytes(given), null) : (null, $"ISLET_WWW_IMAGE={given} does not exist");
        string root = typeof(Images).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "IsletRepoRoot").Value!;
        string? islet = new[] { "Release", "Debug" }.Select(c => Path.Combine(root, "src", "Islet.Cli", "bin", c, "net9.0", "islet.dll")).FirstOrDefault(File.Exists);
        if (islet is null) return (null, "the islet command is not built (dotnet build src/Islet.Cli) and ISLET_WWW_IMAGE is not set");
        string output = Path.Combine(_directory, "www-out");
        (int exit, string log) = ExternalTool.Run("dotnet", islet, "build", Path.Combine(root, "examples", "www"), "-t", "spt", "-o", output);
        string image = Path.Combine(output, "www");
        return exit == 0 && File.Exists(image) ? (File.ReadAllBytes(image), null) : (null, "islet build -t spt failed: " + log);
    }

    private (byte[]?, string?) BuildClang()
    {
        string source = Path.Combine(_directory, "hello.c");
        File.WriteAllText(source, "#include <stdio.h>\n__thread int counter = 3;\nstatic char big[100000];\n" +
            "int main(int argc, char **argv) { big[argc] = 1; printf(\"hello %d\\n\", counter + big[1]); return 0; }\n");
        string binary = Path.Combine(_directory, "hello");
        (int exit, string log) = ExternalTool.Run("clang", "-static-pie", "-O1", "-o", binary, source);
        return exit == 0 ? (File.ReadAllBytes(binary), null) : (null, "clang could not build a static-pie: " + log);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>Field offsets of an ELF64 file, read and patched independently of the loader.</summary>
internal static class Elf64
{
    public const int Type = 16, Machine = 18, Entry = 24, PhOff = 32, PhNum = 56;
    public const int PType = 0, PFlags = 4, POffset = 8, PVaddr = 16, PFileSize = 32, PMemSize = 40, PAlign = 48;

    /// <summary>The file offset of field <paramref name="field"/> of program header <paramref name="index"/>.</summary>
    public static int Ph(byte[] image, int index, int field) =>
        (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(PhOff)) + 56 * index + field;

    public static ulong U64(byte[] image, int at) => BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(at));

    public static uint U32(byte[] image, int at) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(at));

    public static void Set64(byte[] image, int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at), value);

    public static int Count(byte[] image) => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(PhNum));

    /// <summary>The indices of the PT_LOAD program headers, in file order.</summary>
    public static List<int> Loads(byte[] image) =>
        Enumerable.Range(0, Count(image)).Where(i => U32(image, Ph(image, i, PType)) == 1).ToList();
}

/// <summary>One <see cref="Images"/> for the whole run, so the www image is built at most once.</summary>
[CollectionDefinition("images")]
public sealed class ImagesCollection : ICollectionFixture<Images>;

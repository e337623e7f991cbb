using System.Globalization;

namespace Islet.Abi.Tests.Elf;

/// <summary>
/// Small C programs built once with the host C compiler for the symbol table tests: a
/// non-PIE dynamic executable (small, for fuzzing), the same linked <c>-rdynamic</c> and
/// stripped (only <c>.dynsym</c> left), a static-pie (the shape of a sealed image), and the
/// <c>.dbg</c> files <c>objcopy --only-keep-debug</c> makes of the first and the last. Tests
/// skip with <see cref="SkipReason"/> when cc, nm or objcopy is missing.
/// </summary>
public sealed class SymbolElfFixture : IDisposable
{
    /// <summary>The functions the C source defines (isl_gamma is static, so a local symbol).</summary>
    public static readonly string[] Functions = ["isl_alpha", "isl_beta", "isl_gamma", "main"];

    private const string Source = """
        int isl_alpha(int x) { return x * 3 + 1; }
        int isl_beta(int x) { return isl_alpha(x) - 2; }
        static int isl_gamma(int x) { return isl_beta(x) ^ 5; }
        int main(int argc, char **argv) { (void)argv; return isl_gamma(argc); }
        """;

    private readonly string _directory = ExternalTool.TempDirectory("islet-sym-");

    public SymbolElfFixture()
    {
        string? cc = ExternalTool.FindCCompiler();
        if (cc is null)
        {
            SkipReason = "no C compiler (clang or cc) is installed";
            return;
        }
        string source = Path.Combine(_directory, "f.c");
        File.WriteAllText(source, Source);
        Dynamic = Path.Combine(_directory, "dyn");
        StaticPie = Path.Combine(_directory, "spie");
        Exported = Path.Combine(_directory, "exported");
        SkipReason = Step(cc, "-O0", "-fno-pie", "-no-pie", "-o", Dynamic, source)
            ?? Step(cc, "-O0", "-static-pie", "-o", StaticPie, source)
            ?? Step(cc, "-O0", "-fno-pie", "-no-pie", "-rdynamic", "-o", Exported, source)
            ?? Step("objcopy", "--strip-all", Exported)
            ?? Step("objcopy", "--only-keep-debug", Dynamic, Dynamic + ".dbg")
            ?? Step("objcopy", "--only-keep-debug", StaticPie, StaticPie + ".dbg")
            ?? Step("nm", "--version");
    }

    /// <summary>Why the binaries are missing, or null if they were built.</summary>
    public string? SkipReason { get; }

    public string Dynamic { get; } = "";

    public string StaticPie { get; } = "";

    /// <summary>Stripped by objcopy --strip-all; its functions are only in .dynsym.</summary>
    public string Exported { get; } = "";

    /// <summary>The defined symbols nm lists for <paramref name="file"/>.</summary>
    public static List<NmSymbol> Nm(string file)
    {
        (int exit, string output) = ExternalTool.Run("nm", "-S", "--defined-only", file);
        Assert.True(exit == 0, output);
        var symbols = new List<NmSymbol>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 3) symbols.Add(new NmSymbol(Hex(f[0]), null, f[1][0], f[2]));
            else if (f.Length == 4) symbols.Add(new NmSymbol(Hex(f[0]), Hex(f[1]), f[2][0], f[3]));
        }
        return symbols;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ulong Hex(string s) => ulong.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string? Step(string tool, params string[] arguments)
    {
        (int exit, string output) = ExternalTool.Run(tool, arguments);
        return exit == 0 ? null : $"{tool} {string.Join(' ', arguments)} failed ({exit}): {output}";
    }
}

/// <summary>One line of <c>nm -S</c>: address, size if listed, type letter, name.</summary>
public readonly record struct NmSymbol(ulong Address, ulong? Size, char Type, string Name)
{
    /// <summary>T or t: a symbol in a text (code) section.</summary>
    public bool IsText => Type is 'T' or 't';
}

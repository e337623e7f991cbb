using System.Text;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>
/// Compiles a C program that prints each (C expression, C# value) pair's expression over the
/// given kernel headers, runs it and asserts that every printed value equals the C# one.
/// Skips (with a note) when no C compiler is installed.
/// </summary>
internal static class KernelHeaderCheck
{
    public static void AssertMatches(ITestOutputHelper output, IReadOnlyList<string> headers, string prelude,
        IReadOnlyList<(string Expression, ulong Value)> table)
    {
        string? compiler = ExternalTool.FindCCompiler();
        if (compiler is null)
        {
            output.WriteLine("skipped: neither clang nor cc is installed");
            return;
        }
        string directory = ExternalTool.TempDirectory("islet-kernel-layout-");
        try
        {
            string source = Path.Combine(directory, "layout.c"), binary = Path.Combine(directory, "layout");
            File.WriteAllText(source, CProgram(headers, prelude, table));
            var (compileExit, compileOutput) = ExternalTool.Run(compiler, "-std=gnu11", "-Wall", "-Werror", "-o", binary, source);
            Assert.True(compileExit == 0, $"{compiler} failed:\n{compileOutput}");
            var (runExit, printed) = ExternalTool.Run(binary);
            Assert.Equal(0, runExit);
            string[] lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(table.Count, lines.Length);

            var mismatches = new List<string>();
            for (int i = 0; i < table.Count; i++)
            {
                ulong kernel = ulong.Parse(lines[i]);
                output.WriteLine($"{table[i].Expression} = {kernel}");
                if (kernel != table[i].Value) mismatches.Add($"{table[i].Expression}: C says {kernel} (0x{kernel:x}), C# says {table[i].Value} (0x{table[i].Value:x})");
            }
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
            output.WriteLine($"{table.Count} values checked with {compiler}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string CProgram(IReadOnlyList<string> headers, string prelude, IReadOnlyList<(string Expression, ulong Value)> table)
    {
        var c = new StringBuilder();
        foreach (string header in headers.Prepend("stddef.h").Prepend("stdio.h"))
            c.AppendLine($"#include <{header}>");
        c.AppendLine(prelude);
        c.AppendLine("int main(void)");
        c.AppendLine("{");
        foreach (var (expression, _) in table)
            c.AppendLine($"    printf(\"%llu\\n\", (unsigned long long)({expression}));");
        c.AppendLine("    return 0;");
        c.AppendLine("}");
        return c.ToString();
    }
}

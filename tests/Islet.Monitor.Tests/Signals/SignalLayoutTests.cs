using System.Text;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Signals;

/// <summary>
/// Compares the signal frame's offsets and the signal constants with what a C compiler computes
/// from the installed kernel uapi headers (asm/sigcontext.h, asm/ucontext.h, asm/signal.h, linux/signal.h).
/// </summary>
public sealed class SignalLayoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Frame_offsets_and_constants_match_the_kernel_headers()
    {
        string? compiler = ExternalTool.FindCCompiler();
        if (compiler is null)
        {
            output.WriteLine("skipped: neither clang nor cc is installed");
            return;
        }
        IReadOnlyList<(string Expression, ulong Value)> table = SignalLayoutTable.Build();
        string directory = ExternalTool.TempDirectory("islet-signal-layout-");
        try
        {
            string source = Path.Combine(directory, "layout.c"), binary = Path.Combine(directory, "layout");
            File.WriteAllText(source, CProgram(table));
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
                if (kernel != table[i].Value) mismatches.Add($"{table[i].Expression}: C says {kernel}, C# says {table[i].Value}");
            }
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
            output.WriteLine($"{table.Count} values checked with {compiler}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string CProgram(IReadOnlyList<(string Expression, ulong Value)> table)
    {
        var c = new StringBuilder();
        foreach (string header in new[] { "stdio.h", "stddef.h", "asm/sigcontext.h", "linux/signal.h", "asm/siginfo.h", "asm/ucontext.h" })
            c.AppendLine($"#include <{header}>");
        c.AppendLine(SignalLayoutTable.Prelude);
        c.AppendLine("int main(void)");
        c.AppendLine("{");
        foreach (var (expression, _) in table)
            c.AppendLine($"    printf(\"%llu\\n\", (unsigned long long)({expression}));");
        c.AppendLine("    return 0;");
        c.AppendLine("}");
        return c.ToString();
    }
}

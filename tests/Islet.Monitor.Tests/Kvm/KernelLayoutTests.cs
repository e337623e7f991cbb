using System.Text;
using Islet.Monitor.Kvm;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>
/// Compares the C# KVM structs, request numbers and constants with what a C compiler
/// computes from the installed &lt;linux/kvm.h&gt;.
/// </summary>
public sealed class KernelLayoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Structs_requests_and_constants_match_linux_kvm_h()
    {
        string? compiler = ExternalTool.FindCCompiler();
        if (compiler is null)
        {
            output.WriteLine("skipped: neither clang nor cc is installed");
            return;
        }
        IReadOnlyList<(string Expression, ulong Value)> table = KvmLayoutTable.Build();
        string directory = ExternalTool.TempDirectory("islet-kvm-layout-");
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

    [Fact]
    public void Layout_table_covers_every_declared_struct()
    {
        string[] expressions = KvmLayoutTable.Build().Select(e => e.Expression).ToArray();
        foreach (string name in new[] { "kvm_regs", "kvm_sregs", "kvm_segment", "kvm_dtable", "kvm_userspace_memory_region",
                     "kvm_cpuid_entry2", "kvm_cpuid2", "kvm_xcr", "kvm_xcrs", "kvm_xsave", "kvm_msr_entry", "kvm_msrs", "kvm_run", "kvm_sync_regs" })
        {
            Assert.Contains($"sizeof(struct {name})", expressions);
        }
    }

    private static string CProgram(IReadOnlyList<(string Expression, ulong Value)> table)
    {
        var c = new StringBuilder();
        c.AppendLine("#include <stdio.h>");
        c.AppendLine("#include <stddef.h>");
        c.AppendLine("#include <linux/kvm.h>");
        c.AppendLine("int main(void)");
        c.AppendLine("{");
        foreach (var (expression, _) in table)
            c.AppendLine($"    printf(\"%llu\\n\", (unsigned long long)({expression}));");
        c.AppendLine("    return 0;");
        c.AppendLine("}");
        return c.ToString();
    }
}

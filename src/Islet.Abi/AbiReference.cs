using System.Globalization;
using System.Text;
using Islet.Abi.Seccomp;

namespace Islet.Abi;

/// <summary>Renders the ABI table as the Markdown reference in docs/abi.md.</summary>
public static class AbiReference
{
    /// <summary>The whole document; deterministic, with "\n" line ends.</summary>
    public static string RenderMarkdown()
    {
        SeccompProgram filter = SeccompCompiler.Compile(new AbiContext(deviceCount: 1, processId: 1));
        var text = new StringBuilder();
        Line(text, "# The Islet ABI");
        Line(text, "");
        Line(text, "Generated from `src/Islet.Abi/AbiTable.Entries.cs` by the test");
        Line(text, "`Abi_reference_document_is_current`; regenerate with");
        Line(text, "`ISLET_UPDATE_ABI_DOC=1 dotnet test tests/Islet.Abi.Tests`. Do not edit by hand.");
        Line(text, "");
        Line(text, "Every Linux x86-64 system call a sealed image may make. `spt` compiles this table to a");
        Line(text, "seccomp filter; `hvt` implements exactly it. A call not listed is answered **ENOSYS**.");
        Line(text, "A call from another architecture or the x32 ABI kills the image.");
        Line(text, "");
        Line(text, "Fds: 0 does not exist, 1 and 2 are the console, devices are 3 .. 3+N-1 (N devices).");
        Line(text, "`pid` is the image's own process id. Alternatives are separated by `or`; the conditions");
        Line(text, "within one alternative must all hold. Comparisons are unsigned 64-bit.");
        Line(text, "");
        Line(text, "Measured (strace, .NET 9 static NativeAOT image with GC, threads, a Task and a caught");
        Line(text, "NullReferenceException, run under this filter as spt will): it runs to exit 0. The runtime's");
        Line(text, "/proc and /sys probes get ENOENT and it falls back to defaults; glibc gets ENOSYS from clone3");
        Line(text, "and falls back to clone; no mapping ever asks for PROT_EXEC. `System.Console` does not work:");
        Line(text, "it duplicates fd 1 with F_DUPFD_CLOEXEC (refused, EINVAL), so the sealed platform writes fd 1");
        Line(text, "itself.");
        Line(text, "");
        Line(text, Invariant($"Entries: {AbiTable.Entries.Length} ({AbiTable.AllowCount} Allow, {AbiTable.ErrnoCount} Errno)."));
        Line(text, Invariant($"Compiled filter: {filter.InstructionCount} instructions, longest path {filter.LongestPath} (the same for every N)."));
        Line(text, "");
        Line(text, "| nr | name | verdict | when | otherwise | reason |");
        Line(text, "| ---: | --- | --- | --- | --- | --- |");
        foreach (AbiEntry e in AbiTable.Entries)
        {
            string when = e.IsConstrained
                ? string.Join(" or ", e.When.Select(set => string.Join(" and ", set.Select(c => c.ToString()))))
                : "";
            string otherwise = e.IsConstrained ? e.Otherwise.ToString() : "";
            Line(text, Invariant($"| {e.Number} | {e.Name} | {e.Verdict} | {Escape(when)} | {otherwise} | {Escape(e.Reason)} |"));
        }
        return text.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}

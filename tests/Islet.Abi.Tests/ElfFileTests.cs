using System.Text.RegularExpressions;
using Islet.Abi.Elf;
using Xunit.Abstractions;

namespace Islet.Abi.Tests;

public partial class ElfFileTests(StaticElfFixture fixture, ITestOutputHelper output) : IClassFixture<StaticElfFixture>
{
    [Fact]
    public void Static_pie_has_load_segments_no_interpreter_and_the_sections_readelf_lists()
    {
        if (Skip()) return;
        ElfFile elf = ElfFile.Parse(File.ReadAllBytes(fixture.StaticPie));
        Assert.Equal(ElfHeader.TypeSharedObject, elf.Header.Type);
        Assert.Equal(ElfHeader.MachineX86_64, elf.Header.Machine);
        Assert.Contains(elf.ProgramHeaders, p => p.Type == ElfSegmentType.Load && p.Flags.HasFlag(ElfSegmentFlags.Execute));
        Assert.Contains(elf.ProgramHeaders, p => p.Type == ElfSegmentType.Load && p.MemorySize > p.FileSize); // .bss
        Assert.DoesNotContain(elf.ProgramHeaders, p => p.Type == ElfSegmentType.Interp);
        Assert.True(elf.TryFindSection(".bss", out ElfSectionHeader bss));
        Assert.Equal(ElfSectionHeader.TypeNoBits, bss.Type);
        Assert.True(elf.GetSectionData(bss).IsEmpty);
        Assert.Equal(ReadelfSectionNames(fixture.StaticPie), elf.Sections.Select(s => s.Name).Skip(1));
        Assert.Equal(ReadelfLoadCount(fixture.StaticPie), elf.ProgramHeaders.Count(p => p.Type == ElfSegmentType.Load));
        Assert.True(elf.TryFindSection(".text", out ElfSectionHeader text));
        Assert.Equal((int)text.Size, elf.GetSectionData(text).Length);
    }

    [Fact]
    public void Dynamic_binary_has_an_interpreter_segment()
    {
        const string path = "/bin/true";
        if (!File.Exists(path))
        {
            output.WriteLine("SKIPPED: no /bin/true");
            return;
        }
        ElfFile elf = ElfFile.Parse(File.ReadAllBytes(path));
        ElfProgramHeader interp = Assert.Single(elf.ProgramHeaders, p => p.Type == ElfSegmentType.Interp);
        Assert.StartsWith("/lib", System.Text.Encoding.ASCII.GetString(elf.GetSegmentData(interp).Span));
    }

    [Fact]
    public void Manifest_section_added_by_objcopy_round_trips()
    {
        if (Skip()) return;
        ElfFile elf = ElfFile.Parse(File.ReadAllBytes(fixture.WithManifest));
        ReadOnlyMemory<byte>? manifest = elf.FindSectionData(".islet.manifest");
        Assert.NotNull(manifest);
        Assert.Equal(fixture.Manifest, manifest.Value.ToArray());
        Assert.True(elf.TryFindSection(".islet.manifest", out ElfSectionHeader section));
        Assert.Equal(0ul, section.Flags & 2); // not SHF_ALLOC: never loaded
        Assert.Null(ElfFile.Parse(File.ReadAllBytes(fixture.StaticPie)).FindSectionData(".islet.manifest"));
    }

    private bool Skip()
    {
        if (fixture.SkipReason is null) return false;
        output.WriteLine("SKIPPED: " + fixture.SkipReason);
        return true;
    }

    private static List<string> ReadelfSectionNames(string path)
    {
        (int exit, string text) = ExternalTool.Run("readelf", "-SW", path);
        Assert.Equal(0, exit);
        return [.. SectionLine().Matches(text).Select(m => m.Groups[1].Value)];
    }

    private static int ReadelfLoadCount(string path)
    {
        (int exit, string text) = ExternalTool.Run("readelf", "-lW", path);
        Assert.Equal(0, exit);
        return LoadLine().Matches(text).Count;
    }

    [GeneratedRegex(@"^\s*\[\s*[1-9]\d*\]\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^\s*LOAD\s", RegexOptions.Multiline)]
    private static partial Regex LoadLine();
}

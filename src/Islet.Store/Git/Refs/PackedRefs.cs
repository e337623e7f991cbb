using System.Text;

namespace Islet.Store.Git.Refs;

/// <summary>
/// The contents of a <c>packed-refs</c> file (gitrepository-layout): an optional
/// <c># pack-refs with: TRAITS</c> header, then <c>HEX SP NAME</c> lines, each optionally followed by
/// <c>^HEX</c>, the id an annotated tag peels to. Immutable; names in ordinal order.
/// </summary>
public sealed class PackedRefs
{
    private const string Header = "# pack-refs with: peeled fully-peeled sorted \n";
    private readonly SortedDictionary<string, GitRef> _refs;

    private PackedRefs(SortedDictionary<string, GitRef> refs) => _refs = refs;

    /// <summary>No refs: what a missing file means.</summary>
    public static PackedRefs Empty { get; } = new(new SortedDictionary<string, GitRef>(StringComparer.Ordinal));

    /// <summary>The refs, by name in ordinal order.</summary>
    public IReadOnlyCollection<GitRef> Refs => _refs.Values;

    /// <summary>The packed ref named <paramref name="name"/>, or null.</summary>
    public GitRef? Find(string name) => _refs.GetValueOrDefault(name);

    /// <summary>A copy without <paramref name="name"/> (and its peeled line).</summary>
    public PackedRefs Without(string name)
    {
        var copy = new SortedDictionary<string, GitRef>(_refs, StringComparer.Ordinal);
        copy.Remove(name);
        return new PackedRefs(copy);
    }

    /// <summary>
    /// Parses a <c>packed-refs</c> file. Every line must end with <c>\n</c>; a <c>#</c> line is allowed
    /// only first; names must be valid and distinct; ids must be of <paramref name="algorithm"/>. Input
    /// in any order is accepted (git sorts when the header lacks <c>sorted</c>).
    /// </summary>
    /// <exception cref="GitRefException"><see cref="GitRefError.MalformedPackedRefs"/> with the line number.</exception>
    public static PackedRefs Parse(ReadOnlySpan<byte> content, GitHashAlgorithm algorithm)
    {
        var refs = new SortedDictionary<string, GitRef>(StringComparer.Ordinal);
        int hexLength = 2 * GitObjectId.LengthOf(algorithm);
        string? last = null;
        int lineNumber = 0;
        while (!content.IsEmpty)
        {
            lineNumber++;
            int end = content.IndexOf((byte)'\n');
            if (end < 0)
                throw Malformed(lineNumber, "the last line does not end with a newline");
            ReadOnlySpan<byte> line = content[..end];
            content = content[(end + 1)..];
            if (line.StartsWith("#"u8))
            {
                if (lineNumber != 1 || !line.StartsWith("# pack-refs with:"u8))
                    throw Malformed(lineNumber, "a comment other than the '# pack-refs with:' header on the first line");
                continue;
            }
            if (line.StartsWith("^"u8))
            {
                if (last is null || refs[last].Peeled is not null)
                    throw Malformed(lineNumber, "a peeled line '^' that does not follow a ref");
                if (line.Length != 1 + hexLength)
                    throw Malformed(lineNumber, $"a peeled line is not '^' and {hexLength} hex digits");
                GitRef previous = refs[last];
                refs[last] = previous with { Peeled = ParseId(line[1..], lineNumber) };
                continue;
            }
            if (line.Length < hexLength + 2 || line[hexLength] != (byte)' ')
                throw Malformed(lineNumber, $"not {hexLength} hex digits, a space and a ref name");
            GitObjectId id = ParseId(line[..hexLength], lineNumber);
            string name = Encoding.Latin1.GetString(line[(hexLength + 1)..]);
            if (line[(hexLength + 1)..].IndexOfAnyExceptInRange((byte)0x20, (byte)0x7e) >= 0 || !GitRefName.IsStorable(name))
                throw Malformed(lineNumber, $"'{GitRefName.Printable(name)}' is not a valid ref name");
            if (!refs.TryAdd(name, new GitRef(name, GitRefValue.Direct(id), null)))
                throw Malformed(lineNumber, $"'{name}' is listed twice");
            last = name;
        }
        return new PackedRefs(refs);
    }

    /// <summary>The file text: the fully-peeled sorted header, then each ref and its peeled line.</summary>
    public string ToText()
    {
        var text = new StringBuilder(Header);
        foreach (GitRef entry in _refs.Values)
        {
            text.Append(entry.Value.Id.ToString()).Append(' ').Append(entry.Name).Append('\n');
            if (entry.Peeled is GitObjectId peeled)
                text.Append('^').Append(peeled.ToString()).Append('\n');
        }
        return text.ToString();
    }

    private static GitObjectId ParseId(ReadOnlySpan<byte> hex, int lineNumber)
    {
        Span<char> chars = stackalloc char[64];
        for (int i = 0; i < hex.Length; i++)
            chars[i] = (char)hex[i];
        return GitObjectId.TryParse(chars[..hex.Length], out GitObjectId id) ? id : throw Malformed(lineNumber, "an id is not hex digits");
    }

    private static GitRefException Malformed(int lineNumber, string why) =>
        new(GitRefError.MalformedPackedRefs, $"packed-refs line {lineNumber} is malformed: {why}.");
}

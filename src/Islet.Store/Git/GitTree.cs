using System.Text;
using Islet.Store.Git.Internal;

namespace Islet.Store.Git;

/// <summary>
/// A tree: entries <c>MODE SP NAME NUL ID</c> (the id as raw bytes) in Git's tree order
/// (<see cref="GitTreeEntry.CompareOrder(GitTreeEntry, GitTreeEntry)"/>), each name once.
/// </summary>
public sealed class GitTree : GitObject
{
    private readonly GitTreeEntry[] _entries;

    /// <summary>A tree of <paramref name="entries"/>, put into Git's order.</summary>
    /// <exception cref="ArgumentException">Two entries have the same name, or the ids are of different lengths.</exception>
    public GitTree(IEnumerable<GitTreeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        GitTreeEntry[] sorted = entries.ToArray();
        Array.Sort(sorted, GitTreeEntry.CompareOrder);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (GitTreeEntry entry in sorted)
        {
            if (!names.Add(Encoding.Latin1.GetString(entry.NameBytes)))
                throw new ArgumentException($"Two tree entries are named '{entry.NameText}'.", nameof(entries));
            if (entry.Id.Bytes.Length != sorted[0].Id.Bytes.Length)
                throw new ArgumentException("Tree entry ids are of different lengths.", nameof(entries));
        }
        _entries = sorted;
    }

    private GitTree(GitTreeEntry[] sorted, bool _) => _entries = sorted;

    /// <summary>A tree of entries the caller has already put into Git's order, distinct, with ids of one length (the store's tree editor, which merges sorted lists). The array is kept: the caller must not change it.</summary>
    internal static GitTree FromSorted(GitTreeEntry[] sorted) => new(sorted, true);

    /// <summary>The entries in Git's order.</summary>
    public IReadOnlyList<GitTreeEntry> Entries => _entries;

    /// <summary>The entries in Git's order, as the array itself (read-only by contract).</summary>
    internal GitTreeEntry[] EntryArray => _entries;

    /// <summary>
    /// The position of the entry named <paramref name="name"/> (a file, link or gitlink, or a
    /// directory), or -1: two binary searches, since a directory sorts as if its name ended in '/'.
    /// </summary>
    internal int IndexOf(ReadOnlySpan<byte> name)
    {
        int at = BinarySearch(name, asDirectory: false);
        return at >= 0 ? at : BinarySearch(name, asDirectory: true);
    }

    private int BinarySearch(ReadOnlySpan<byte> name, bool asDirectory)
    {
        int low = 0, high = _entries.Length - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            GitTreeEntry entry = _entries[middle];
            int c = GitTreeEntry.CompareOrder(entry.NameBytes, entry.IsDirectory, name, asDirectory);
            if (c == 0)
                return entry.IsDirectory == asDirectory ? middle : -1;
            if (c < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return -1;
    }

    /// <inheritdoc/>
    public override GitObjectType Type => GitObjectType.Tree;

    /// <summary>Parses tree content whose ids are of <paramref name="algorithm"/>'s length.</summary>
    /// <exception cref="GitFormatException">A mode Git does not write (including zero-padded <c>040000</c>), a missing
    /// space or NUL, an empty, <c>.</c>, <c>..</c> or '/'-holding name, a truncated id, entries out of order, or a name twice.</exception>
    public static GitTree Parse(ReadOnlySpan<byte> content, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1)
    {
        int idLength = GitObjectId.LengthOf(algorithm);
        var entries = new List<GitTreeEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int position = 0;
        while (position < content.Length)
        {
            ReadOnlySpan<byte> rest = content[position..];
            int space = rest.IndexOf((byte)' ');
            if (space < 0 || space > 6)
                ThrowHelper.Format($"A tree entry at byte {position} has no space after its mode.");
            string? mode = GitTreeEntry.ModeOf(rest[..space]);
            if (mode is null)
                ThrowHelper.Format($"A tree entry at byte {position} has mode '{Printable(rest[..space])}', not one Git writes.");
            ReadOnlySpan<byte> afterMode = rest[(space + 1)..];
            int nul = afterMode.IndexOf((byte)0);
            if (nul < 0)
                ThrowHelper.Format($"A tree entry at byte {position} has no NUL after its name.");
            ReadOnlySpan<byte> name = afterMode[..nul];
            if (!GitTreeEntry.IsName(name))
                ThrowHelper.Format($"A tree entry at byte {position} has name '{Printable(name)}' (empty, '.', '..' or with '/').");
            ReadOnlySpan<byte> id = afterMode[(nul + 1)..];
            if (id.Length < idLength)
                ThrowHelper.Format($"A tree entry at byte {position} ends inside its id.");
            var entry = new GitTreeEntry(mode, name, GitObjectId.FromBytes(id[..idLength]));
            if (entries.Count > 0 && GitTreeEntry.CompareOrder(entries[^1], entry) >= 0)
                ThrowHelper.Format($"A tree entry at byte {position} ('{Printable(name)}') is out of Git's tree order.");
            if (!names.Add(Encoding.Latin1.GetString(name)))
                ThrowHelper.Format($"A tree has the name '{Printable(name)}' twice.");
            entries.Add(entry);
            position += space + 1 + nul + 1 + idLength;
        }
        return new GitTree(entries.ToArray(), true);
    }

    /// <inheritdoc/>
    public override byte[] ToBytes()
    {
        int length = 0;
        foreach (GitTreeEntry entry in _entries)
            length += entry.Mode.Length + 1 + entry.NameBytes.Length + 1 + entry.Id.Bytes.Length;
        byte[] content = new byte[length];
        int position = 0;
        foreach (GitTreeEntry entry in _entries)
        {
            position += Encoding.ASCII.GetBytes(entry.Mode, content.AsSpan(position));
            content[position++] = (byte)' ';
            entry.NameBytes.CopyTo(content, position);
            position += entry.NameBytes.Length + 1; // the NUL is already there
            entry.Id.Bytes.CopyTo(content.AsSpan(position));
            position += entry.Id.Bytes.Length;
        }
        return content;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        string.Concat(Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 64)]).Select(c => c is >= ' ' and < (char)0x7f ? c : '?'));
}

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

    /// <summary>
    /// A tree of entries the caller knows to have distinct names and ids of one length (the store's
    /// tree editor, which keys them by name): sorted into Git's order in place, without the
    /// public constructor's checks, which cost a string per entry on every commit.
    /// </summary>
    internal static GitTree FromDistinct(GitTreeEntry[] entries)
    {
        Array.Sort(entries, GitTreeEntry.CompareOrder);
        return new GitTree(entries, true);
    }

    /// <summary>The entries in Git's order.</summary>
    public IReadOnlyList<GitTreeEntry> Entries => _entries;

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
            string mode = Encoding.ASCII.GetString(rest[..space]);
            if (!GitTreeEntry.IsMode(mode) || rest[..space].IndexOfAnyExceptInRange((byte)'0', (byte)'7') >= 0)
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
        var buffer = new MemoryStream();
        foreach (GitTreeEntry entry in _entries)
        {
            buffer.Write(Encoding.ASCII.GetBytes(entry.Mode));
            buffer.WriteByte((byte)' ');
            buffer.Write(entry.NameBytes);
            buffer.WriteByte(0);
            buffer.Write(entry.Id.Bytes);
        }
        return buffer.ToArray();
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        string.Concat(Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 64)]).Select(c => c is >= ' ' and < (char)0x7f ? c : '?'));
}

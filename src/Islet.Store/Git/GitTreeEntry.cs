using System.Text;

namespace Islet.Store.Git;

/// <summary>
/// One entry of a tree: a mode as the octal text Git writes, a name (bytes, no '/' or NUL, not
/// <c>.</c> or <c>..</c>), and the id of a blob, tree or commit (gitlink).
/// </summary>
public sealed class GitTreeEntry
{
    /// <summary>A regular file.</summary>
    public const string RegularFile = "100644";

    /// <summary>An executable file.</summary>
    public const string ExecutableFile = "100755";

    /// <summary>A symbolic link; the blob holds the target.</summary>
    public const string Symlink = "120000";

    /// <summary>A subdirectory; the id is a tree.</summary>
    public const string Directory = "40000";

    /// <summary>A submodule (gitlink); the id is a commit in another repository.</summary>
    public const string Gitlink = "160000";

    private readonly byte[] _name;

    /// <summary>An entry with <paramref name="mode"/> (one of the constants here), <paramref name="name"/> and <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The mode is not one Git writes, or the name is empty, <c>.</c>, <c>..</c>, or has '/' or NUL.</exception>
    public GitTreeEntry(string mode, ReadOnlySpan<byte> name, GitObjectId id)
    {
        if (!IsMode(mode))
            throw new ArgumentException($"'{mode}' is not a tree entry mode Git writes.", nameof(mode));
        if (!IsName(name))
            throw new ArgumentException("A tree entry name is not empty, '.' or '..', and has no '/' or NUL.", nameof(name));
        ArgumentOutOfRangeException.ThrowIfEqual(id.Bytes.Length, 0, nameof(id));
        Mode = mode;
        _name = name.ToArray();
        Id = id;
    }

    /// <summary>An entry with a UTF-8 name.</summary>
    public GitTreeEntry(string mode, string name, GitObjectId id) : this(mode, Encoding.UTF8.GetBytes(name), id) { }

    /// <summary>The mode as written: <c>100644</c>, <c>100755</c>, <c>120000</c>, <c>40000</c> or <c>160000</c>.</summary>
    public string Mode { get; }

    /// <summary>The name's bytes.</summary>
    public ReadOnlyMemory<byte> Name => _name;

    /// <summary>The name as UTF-8 text.</summary>
    public string NameText => Encoding.UTF8.GetString(_name);

    /// <summary>The id of the entry's object.</summary>
    public GitObjectId Id { get; }

    /// <summary>True for a subdirectory (mode 40000).</summary>
    public bool IsDirectory => Mode == Directory;

    /// <summary>The type of object the entry names: a tree, a commit for a gitlink, otherwise a blob.</summary>
    public GitObjectType ObjectType => Mode switch
    {
        Directory => GitObjectType.Tree,
        Gitlink => GitObjectType.Commit,
        _ => GitObjectType.Blob,
    };

    /// <summary>
    /// Git's tree order: names compared as bytes, a directory's name as if it ended in '/'
    /// (so <c>a.txt</c> sorts before the directory <c>a</c>, which sorts before <c>a0</c>).
    /// </summary>
    public static int CompareOrder(GitTreeEntry left, GitTreeEntry right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return CompareOrder(left._name, left.IsDirectory, right._name, right.IsDirectory);
    }

    internal static int CompareOrder(ReadOnlySpan<byte> left, bool leftIsDirectory, ReadOnlySpan<byte> right, bool rightIsDirectory)
    {
        int common = Math.Min(left.Length, right.Length);
        int c = left[..common].SequenceCompareTo(right[..common]);
        if (c != 0)
            return c;
        int l = common < left.Length ? left[common] : leftIsDirectory ? '/' : 0;
        int r = common < right.Length ? right[common] : rightIsDirectory ? '/' : 0;
        return l.CompareTo(r);
    }

    /// <summary>The mode constant spelled by <paramref name="text"/>, or null when Git does not write it (so parsing shares five strings instead of making one per entry).</summary>
    internal static string? ModeOf(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("100644"u8) => RegularFile,
        _ when text.SequenceEqual("40000"u8) => Directory,
        _ when text.SequenceEqual("100755"u8) => ExecutableFile,
        _ when text.SequenceEqual("120000"u8) => Symlink,
        _ when text.SequenceEqual("160000"u8) => Gitlink,
        _ => null,
    };

    internal static bool IsMode(ReadOnlySpan<char> mode) =>
        mode is RegularFile or ExecutableFile or Symlink or Directory or Gitlink;

    internal static bool IsName(ReadOnlySpan<byte> name) =>
        name.Length > 0 && !name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8) && name.IndexOfAny((byte)'/', (byte)0) < 0;

    internal byte[] NameBytes => _name;
}

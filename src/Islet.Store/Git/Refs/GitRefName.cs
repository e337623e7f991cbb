namespace Islet.Store.Git.Refs;

/// <summary>Git's rules for ref names (git-check-ref-format), and which names a <see cref="RefStore"/> accepts.</summary>
public static class GitRefName
{
    /// <summary>
    /// True when <paramref name="name"/> obeys git-check-ref-format: components separated by single
    /// <c>/</c>, none empty, none starting with <c>.</c> or ending with <c>.lock</c>; no <c>..</c>, no
    /// <c>@{</c>; no byte below 0x20, no DEL, space, <c>~ ^ : ? * [ \</c>; not ending in <c>/</c> or
    /// <c>.</c>; not the single character <c>@</c>. One-level names are allowed here (as with
    /// <c>--allow-onelevel</c>).
    /// </summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0 || name == "@" || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal))
            return false;
        foreach (char c in name)
        {
            if (c < 0x20 || c == 0x7f || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\')
                return false;
        }
        foreach (string component in name.Split('/'))
        {
            if (component.Length == 0 || component[0] == '.' || component.EndsWith(".lock", StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>
    /// True when <paramref name="name"/> is valid and is either under <c>refs/</c> or a one-level name of
    /// upper-case letters and <c>_</c> (<c>HEAD</c>, <c>ORIG_HEAD</c>): the names a store reads and writes.
    /// Such a name is a safe relative path inside the git directory.
    /// </summary>
    public static bool IsStorable(string name) =>
        IsValid(name) && (name.StartsWith("refs/", StringComparison.Ordinal) || name.All(c => c is (>= 'A' and <= 'Z') or '_'));

    /// <summary>Throws unless <see cref="IsStorable"/>.</summary>
    /// <exception cref="GitRefException"><see cref="GitRefError.InvalidName"/>.</exception>
    public static void Check(string name)
    {
        if (!IsStorable(name))
            throw new GitRefException(GitRefError.InvalidName, $"'{Printable(name)}' is not a valid ref name (git-check-ref-format; under refs/ or an upper-case one-level name such as HEAD).");
    }

    internal static string Printable(string text) =>
        string.Concat(text.Select(c => c < 0x20 || c == 0x7f ? $"\\x{(int)c:x2}" : c.ToString()));
}

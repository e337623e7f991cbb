namespace Islet.Store.Git.Refs;

/// <summary>
/// The refs of a <c>.git</c> directory, stored as git stores them (gitrepository-layout): a loose
/// file per ref (<c>refs/heads/main</c>, <c>HEAD</c>) holding <c>HEX\n</c> or <c>ref: NAME\n</c>,
/// and <c>packed-refs</c>; a loose file wins over a packed line. Reads take no locks; every update
/// takes git's <c>NAME.lock</c> (created exclusively), so updates are atomic against other
/// instances, other processes and git itself. Instances hold no cached state and are thread-safe.
/// Bad on-disk content raises <see cref="GitRefException"/>; I/O failures raise <see cref="IOException"/>.
/// </summary>
public sealed partial class RefStore : Backends.IRefStore
{
    /// <summary>How many symbolic refs <see cref="Resolve"/> follows before giving up (git's SYMREF_MAXDEPTH).</summary>
    public const int MaxSymbolicDepth = 5;

    /// <summary>A store over <paramref name="gitDirectory"/> (the <c>.git</c> directory) with ids of <paramref name="algorithm"/>.</summary>
    /// <param name="gitDirectory">The <c>.git</c> directory.</param>
    /// <param name="algorithm">The repository's hash.</param>
    /// <param name="lockTimeout">How long an update waits for another writer's lock before failing with <see cref="GitRefError.Locked"/>; default one second (git waits 100 ms).</param>
    /// <param name="staleLockAge">How old a lock file nobody holds an flock on must be before it is removed as stale; default <see cref="DefaultStaleLockAge"/>.</param>
    public RefStore(string gitDirectory, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1, TimeSpan? lockTimeout = null, TimeSpan? staleLockAge = null)
    {
        GitDirectory = Path.GetFullPath(gitDirectory);
        Algorithm = algorithm;
        LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(1);
        StaleLockAge = staleLockAge ?? DefaultStaleLockAge;
        ArgumentOutOfRangeException.ThrowIfLessThan(StaleLockAge, TimeSpan.Zero, nameof(staleLockAge));
    }

    /// <summary>The default <see cref="StaleLockAge"/>: 30 seconds (git holds a ref lock for milliseconds).</summary>
    public static readonly TimeSpan DefaultStaleLockAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Stale lock recovery. Islet's writers hold an flock on every <c>NAME.lock</c> they create, for
    /// as long as they own it; the kernel drops it when the process dies, even by SIGKILL. A lock
    /// file is stale — and the next update removes it and proceeds — when no process holds an flock
    /// on it and it is older than this age (which protects git's own writers, which take no flock
    /// but hold a lock only briefly). The check and the removal happen under an flock on
    /// <c>islet-lock-recovery</c> in the git directory, so two recovering writers never remove a
    /// fresh lock. git itself never removes lock files; it just fails.
    /// </summary>
    public TimeSpan StaleLockAge { get; }

    /// <summary>The <c>.git</c> directory.</summary>
    public string GitDirectory { get; }

    /// <summary>The repository's hash; ids of the other length are malformed.</summary>
    public GitHashAlgorithm Algorithm { get; }

    /// <summary>How long updates wait for a held lock.</summary>
    public TimeSpan LockTimeout { get; }

    /// <summary>The value of the ref <paramref name="name"/> itself (a symbolic ref is not followed), or null when it exists neither loose nor packed.</summary>
    /// <exception cref="GitRefException">The name is invalid, or the loose file or <c>packed-refs</c> is malformed.</exception>
    public GitRefValue? Read(string name)
    {
        GitRefName.Check(name);
        return ReadLoose(name) ?? ReadPacked().Find(name)?.Value;
    }

    /// <summary>
    /// The id <paramref name="name"/> finally names, following symbolic refs (<c>HEAD</c> →
    /// <c>refs/heads/main</c>); null when the ref, or a ref it points to, does not exist (an unborn branch).
    /// </summary>
    /// <exception cref="GitRefException">More than <see cref="MaxSymbolicDepth"/> symbolic refs (<see cref="GitRefError.SymbolicRefTooDeep"/>), or as <see cref="Read"/>.</exception>
    public GitObjectId? Resolve(string name) => Internal.SymbolicRefResolver.Resolve(name, Read);

    /// <summary>
    /// Every ref whose name starts with <paramref name="prefix"/> (e.g. <c>refs/heads/</c>; <c>refs/</c>
    /// for all), loose and packed merged with loose winning, in ordinal name order. Files under
    /// <c>refs/</c> whose names are not valid ref names (such as <c>.lock</c> files) are skipped.
    /// </summary>
    /// <exception cref="GitRefException">A loose file or <c>packed-refs</c> is malformed.</exception>
    public IReadOnlyList<GitRef> List(string prefix = "refs/")
    {
        var found = new SortedDictionary<string, GitRef>(StringComparer.Ordinal);
        foreach (GitRef packed in ReadPacked().Refs)
        {
            if (packed.Name.StartsWith(prefix, StringComparison.Ordinal))
                found[packed.Name] = packed;
        }
        string refsDirectory = Path.Combine(GitDirectory, "refs");
        if (Directory.Exists(refsDirectory))
        {
            foreach (string file in Directory.EnumerateFiles(refsDirectory, "*", SearchOption.AllDirectories))
            {
                string name = Path.GetRelativePath(GitDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || !GitRefName.IsStorable(name))
                    continue;
                if (ReadLoose(name) is GitRefValue value)
                    found[name] = new GitRef(name, value, null);
            }
        }
        return [.. found.Values];
    }

    /// <summary>The parsed <c>packed-refs</c>, or <see cref="PackedRefs.Empty"/> when there is none.</summary>
    /// <exception cref="GitRefException">The file is malformed.</exception>
    public PackedRefs ReadPacked()
    {
        byte[]? content = ReadFileOrNull(Path.Combine(GitDirectory, "packed-refs"));
        return content is null ? PackedRefs.Empty : PackedRefs.Parse(content, Algorithm);
    }

    private GitRefValue? ReadLoose(string name)
    {
        byte[]? content = ReadFileOrNull(PathOf(name));
        return content is null ? null : GitRefValue.ParseLoose(content, Algorithm, name);
    }

    private string PathOf(string name) => Path.Combine(GitDirectory, name.Replace('/', Path.DirectorySeparatorChar));

    private static byte[]? ReadFileOrNull(string path)
    {
        try
        {
            return Directory.Exists(path) ? null : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}

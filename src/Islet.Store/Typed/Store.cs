using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Refs;
using Islet.Store.Internal;
using Islet.Store.Merge;

namespace Islet.Store;

/// <summary>
/// A typed, versioned store over Git objects (Irmin's <c>Irmin.S</c>): values of
/// <typeparamref name="T"/> at paths, every change an ordinary Git commit on a branch
/// (<c>refs/heads/NAME</c>), so <c>git log</c> and <c>git show BRANCH:PATH</c> read it. Branches
/// move only by compare-and-swap; a writer that loses a race merges with the winner using the
/// content type's merge and retries (bounded), so concurrent writers — several stores over one
/// backend, or several processes over one directory — never lose each other's commits.
/// </summary>
/// <remarks>
/// Thread-safe. Errors: <see cref="StoreException"/> (closed set in <see cref="StoreError"/>),
/// <see cref="StoreConflictException{T}"/> for unmergeable concurrent writes, and the backends'
/// <see cref="GitFormatException"/> / <see cref="GitRefException"/> for damaged storage.
/// </remarks>
public sealed partial class Store<T>
{
    private readonly ObjectCache _cache;
    private readonly BranchNotifier _notifier;

    /// <summary>A store over <paramref name="backend"/> holding <paramref name="contentType"/> values.</summary>
    public Store(IStoreBackend backend, IContentType<T> contentType, StoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(contentType);
        Backend = backend;
        ContentType = contentType;
        Options = options ?? new StoreOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxRetries, nameof(options));
        _cache = new ObjectCache(backend.Objects, Options.CacheSize);
        _notifier = BranchNotifier.For(backend);
    }

    /// <summary>Where objects and refs live.</summary>
    public IStoreBackend Backend { get; }

    /// <summary>How values are stored and merged.</summary>
    public IContentType<T> ContentType { get; }

    /// <summary>The options.</summary>
    public StoreOptions Options { get; }

    /// <summary>The ref a branch lives in: <c>refs/heads/NAME</c>.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.InvalidBranchName"/>.</exception>
    public static string RefNameOf(string branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        string name = "refs/heads/" + branch;
        return GitRefName.IsValid(name) ? name : throw new StoreException(StoreError.InvalidBranchName, $"'{branch}' is not a valid branch name.");
    }

    /// <summary>The commit at the head of <paramref name="branch"/>, or null when the branch does not exist.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.InvalidBranchName"/>; <see cref="StoreError.NotACommit"/> when the ref names something else.</exception>
    public GitObjectId? Head(string branch)
    {
        GitObjectId? head = Backend.Refs.Resolve(RefNameOf(branch));
        if (head is GitObjectId id)
            _cache.ReadCommit(id);
        return head;
    }

    /// <summary>The branch names, in ordinal order.</summary>
    public IReadOnlyList<string> Branches() =>
        Backend.Refs.List("refs/heads/").Select(r => r.Name["refs/heads/".Length..]).ToArray();

    /// <summary>Creates <paramref name="branch"/> at <paramref name="commit"/>.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.BranchMoved"/> when it already exists; <see cref="StoreError.NotACommit"/> / <see cref="StoreError.MissingObject"/>.</exception>
    public void CreateBranch(string branch, GitObjectId commit)
    {
        string refName = RefNameOf(branch);
        _cache.ReadCommit(commit);
        if (!Backend.Refs.TryUpdate(refName, null, commit))
            throw new StoreException(StoreError.BranchMoved, $"Branch '{branch}' already exists.");
        _notifier.Notify(refName);
    }

    /// <summary>Creates <paramref name="branch"/> at the head of <paramref name="from"/>.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.NotFound"/> when <paramref name="from"/> does not exist; as <see cref="CreateBranch(string, GitObjectId)"/>.</exception>
    public void CreateBranch(string branch, string from) => CreateBranch(branch, RequireHead(from));

    /// <summary>Deletes <paramref name="branch"/> (its commits stay in the object store). False when it did not exist.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.BranchMoved"/> when it moved during the delete.</exception>
    public bool DeleteBranch(string branch)
    {
        string refName = RefNameOf(branch);
        if (Backend.Refs.Resolve(refName) is not GitObjectId head)
            return false;
        if (!Backend.Refs.TryDelete(refName, head))
            throw new StoreException(StoreError.BranchMoved, $"Branch '{branch}' moved while being deleted.");
        _notifier.Notify(refName);
        return true;
    }

    /// <summary>A snapshot of the head of <paramref name="branch"/>; of the empty tree when the branch does not exist yet.</summary>
    public StoreSnapshot<T> Snapshot(string branch) =>
        Head(branch) is GitObjectId head ? Snapshot(head) : new StoreSnapshot<T>(_cache, ContentType, null, _cache.EmptyTreeId);

    /// <summary>A snapshot of <paramref name="commit"/>.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.NotACommit"/> / <see cref="StoreError.MissingObject"/>.</exception>
    public StoreSnapshot<T> Snapshot(GitObjectId commit) => new(_cache, ContentType, commit, _cache.ReadCommit(commit).Tree);

    /// <summary>The value at <paramref name="path"/> on <paramref name="branch"/>, or None.</summary>
    public Optional<T> Find(string branch, StorePath path) => Snapshot(branch).Find(path);

    /// <summary>The value at <paramref name="path"/> on <paramref name="branch"/>; false when there is none.</summary>
    public bool TryGet(string branch, StorePath path, out T value) => Snapshot(branch).TryGet(path, out value);

    /// <summary>The value at <paramref name="path"/> on <paramref name="branch"/>.</summary>
    /// <exception cref="KeyNotFoundException">No value there.</exception>
    public T Get(string branch, StorePath path) => Snapshot(branch).Get(path);

    /// <summary>The children of <paramref name="path"/> on <paramref name="branch"/> (empty when it is not a directory).</summary>
    public IReadOnlyList<StoreEntry> List(string branch, StorePath path) => Snapshot(branch).List(path);

    /// <summary>The parsed commit <paramref name="commit"/>.</summary>
    public StoreCommit ReadCommit(GitObjectId commit) => new(commit, _cache.ReadCommit(commit));

    private GitObjectId RequireHead(string branch) =>
        Head(branch) ?? throw new StoreException(StoreError.NotFound, $"Branch '{branch}' does not exist.");
}

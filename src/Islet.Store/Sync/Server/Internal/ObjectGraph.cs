using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// Walks the object graph of a store for the server: commit closures, the objects a fetch must
/// send, connectivity after a push. Every walk is bounded by a number of objects; over it a
/// <see cref="GitProtocolException"/> (<see cref="GitProtocolError.LimitExceeded"/>) is thrown.
/// </summary>
internal sealed class ObjectGraph(IObjectStore store, int maxObjects)
{
    private const int MaxTagDepth = 16;

    public IObjectStore Store { get; } = store;

    /// <summary>The object's type, or null when it is missing.</summary>
    public GitObjectType? TypeOf(GitObjectId id) => Store.TryRead(id, out GitObjectType type, out _) ? type : null;

    /// <summary>Follows annotated tags to the object they finally name; null when something on the way is missing.</summary>
    public (GitObjectId Id, GitObjectType Type)? Peel(GitObjectId id)
    {
        for (int depth = 0; depth < MaxTagDepth; depth++)
        {
            if (!Store.TryRead(id, out GitObjectType type, out byte[] content)) return null;
            if (type != GitObjectType.Tag) return (id, type);
            id = GitTag.Parse(content, Store.Algorithm).Target;
        }
        return null;
    }

    /// <summary>The parents of a commit; null when it is missing or not a commit.</summary>
    public IReadOnlyList<GitObjectId>? Parents(GitObjectId commit) =>
        Store.TryRead(commit, out GitObjectType type, out byte[] content) && type == GitObjectType.Commit
            ? GitCommit.Parse(content, Store.Algorithm).Parents
            : null;

    /// <summary>Every commit reachable from <paramref name="starts"/> (tags peeled; missing commits are skipped).</summary>
    public HashSet<GitObjectId> CommitClosure(IEnumerable<GitObjectId> starts)
    {
        var seen = new HashSet<GitObjectId>();
        var stack = new Stack<GitObjectId>();
        foreach (GitObjectId start in starts)
        {
            if (Peel(start) is { Type: GitObjectType.Commit } peeled) stack.Push(peeled.Id);
        }
        while (stack.Count > 0)
        {
            GitObjectId id = stack.Pop();
            if (!seen.Add(id)) continue;
            Limit(seen.Count);
            foreach (GitObjectId parent in Parents(id) ?? []) stack.Push(parent);
        }
        return seen;
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    public bool IsAncestor(GitObjectId ancestor, GitObjectId descendant) => CommitClosure([descendant]).Contains(ancestor);

    /// <summary>
    /// Visits every object reachable from <paramref name="roots"/> that is not in <paramref name="stop"/> (and not
    /// reachable only through it), calling <paramref name="visit"/> with its type, content and a path hint. A
    /// commit in <paramref name="stopCommits"/> is not entered. Returns false at the first missing object when
    /// <paramref name="requireComplete"/> (the connectivity check); otherwise a missing object is an error.
    /// </summary>
    public bool Walk(IEnumerable<GitObjectId> roots, HashSet<GitObjectId> stopCommits, HashSet<GitObjectId> stop,
        Action<GitObjectId, GitObjectType, byte[], string>? visit, bool requireComplete)
    {
        foreach (WalkedObject walked in Enumerate(roots, stopCommits, stop))
        {
            if (walked.Content is null)
            {
                if (requireComplete) return false;
                throw MissingObject(walked.Id);
            }
            visit?.Invoke(walked.Id, walked.Type, walked.Content, walked.Path);
        }
        return true;
    }

    /// <summary>
    /// The objects <see cref="Walk"/> visits, one at a time as the caller asks for them (so a caller can
    /// pause between them); a missing object comes with a null content and ends the sequence.
    /// </summary>
    public IEnumerable<WalkedObject> Enumerate(IEnumerable<GitObjectId> roots, HashSet<GitObjectId> stopCommits, HashSet<GitObjectId> stop)
    {
        var seen = new HashSet<GitObjectId>(stop);
        var stack = new Stack<(GitObjectId Id, string Path)>();
        foreach (GitObjectId root in roots) stack.Push((root, ""));
        int visited = 0;
        while (stack.Count > 0)
        {
            (GitObjectId id, string path) = stack.Pop();
            if (stopCommits.Contains(id) || !seen.Add(id)) continue;
            Limit(++visited);
            if (!Store.TryRead(id, out GitObjectType type, out byte[] content))
            {
                yield return new WalkedObject(id, default, null, path);
                yield break;
            }
            yield return new WalkedObject(id, type, content, path);
            switch (type)
            {
                case GitObjectType.Commit:
                    var commit = GitCommit.Parse(content, Store.Algorithm);
                    foreach (GitObjectId parent in commit.Parents) stack.Push((parent, ""));
                    stack.Push((commit.Tree, ""));
                    break;
                case GitObjectType.Tree:
                    foreach (GitTreeEntry entry in GitTree.Parse(content, Store.Algorithm).Entries)
                    {
                        if (entry.Mode != GitTreeEntry.Gitlink) stack.Push((entry.Id, entry.NameText));
                    }
                    break;
                case GitObjectType.Tag:
                    stack.Push((GitTag.Parse(content, Store.Algorithm).Target, ""));
                    break;
            }
        }
    }

    /// <summary>The error for an object the repository should have and does not.</summary>
    public static GitProtocolException MissingObject(GitObjectId id) =>
        new(GitProtocolError.BadPack, $"The object {id} is missing from the repository.");

    /// <summary>Every tree and blob reachable from the trees of <paramref name="commits"/> (what a client holding them surely has).</summary>
    public HashSet<GitObjectId> TreeContents(IEnumerable<GitObjectId> commits)
    {
        var result = new HashSet<GitObjectId>();
        var trees = new List<GitObjectId>();
        foreach (GitObjectId commit in commits)
        {
            if (Store.TryRead(commit, out GitObjectType type, out byte[] content) && type == GitObjectType.Commit)
                trees.Add(GitCommit.Parse(content, Store.Algorithm).Tree);
        }
        Walk(trees, [], [], (id, _, _, _) => result.Add(id), requireComplete: true);
        return result;
    }

    private void Limit(int count)
    {
        if (count > maxObjects)
            throw new GitProtocolException(GitProtocolError.LimitExceeded, $"More than {maxObjects} objects would have to be walked.");
    }
}

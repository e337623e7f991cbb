using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// Walks of the object graph in one <see cref="IObjectStore"/> for sync: ancestry (the
/// fast-forward check), the objects one side lacks (push), and connectivity (fetch). Every walk
/// keeps a visited set, so it ends on any graph, cyclic or not.
/// </summary>
internal static class ObjectGraph
{
    private const int MaxTagDepth = 16;

    /// <summary>The commit <paramref name="id"/> names after following annotated tags; null when it is not (or does not lead to) a commit we have.</summary>
    public static GitObjectId? PeelToCommit(IObjectStore store, GitObjectId id)
    {
        for (int depth = 0; depth < MaxTagDepth; depth++)
        {
            if (!store.TryRead(id, out GitObjectType type, out byte[] content))
                return null;
            if (type == GitObjectType.Commit)
                return id;
            if (type != GitObjectType.Tag)
                return null;
            id = GitTag.Parse(content, store.Algorithm).Target;
        }
        return null;
    }

    /// <summary>
    /// True when <paramref name="ancestor"/> is <paramref name="descendant"/> or reachable from it
    /// through parents, both peeled to commits. False when either is missing or not a commit: an
    /// old tip we do not have can never be proved an ancestor.
    /// </summary>
    public static bool IsAncestor(IObjectStore store, GitObjectId ancestor, GitObjectId descendant)
    {
        if (PeelToCommit(store, ancestor) is not GitObjectId target || PeelToCommit(store, descendant) is not GitObjectId start)
            return false;
        var seen = new HashSet<GitObjectId> { start };
        var queue = new Queue<GitObjectId>([start]);
        while (queue.TryDequeue(out GitObjectId current))
        {
            if (current == target)
                return true;
            if (!store.TryRead(current, out GitObjectType type, out byte[] content) || type != GitObjectType.Commit)
                continue;
            foreach (GitObjectId parent in GitCommit.Parse(content, store.Algorithm).Parents)
            {
                if (seen.Add(parent))
                    queue.Enqueue(parent);
            }
        }
        return false;
    }

    /// <summary>
    /// The objects reachable from <paramref name="tips"/> but not from <paramref name="theirs"/>
    /// (ids the other side has; those we lack are ignored), as (id, type, path hint) with every
    /// object before nothing in particular: the pack is order-free. Trees and blobs of the boundary
    /// commits (theirs that are parents of ours) are excluded, as git's edge marking does.
    /// </summary>
    /// <exception cref="GitProtocolException">An object reachable from <paramref name="tips"/> is missing locally (BadPack).</exception>
    public static List<(GitObjectId Id, GitObjectType Type, string Hint)> Missing(IObjectStore store, IEnumerable<GitObjectId> tips, IEnumerable<GitObjectId> theirs)
    {
        var theirCommits = new HashSet<GitObjectId>();
        var queue = new Queue<GitObjectId>();
        foreach (GitObjectId id in theirs)
        {
            if (PeelToCommit(store, id) is GitObjectId commit && theirCommits.Add(commit))
                queue.Enqueue(commit);
        }
        while (queue.TryDequeue(out GitObjectId current))
        {
            if (store.TryRead(current, out GitObjectType type, out byte[] content) && type == GitObjectType.Commit)
            {
                foreach (GitObjectId parent in GitCommit.Parse(content, store.Algorithm).Parents)
                {
                    if (store.Contains(parent) && theirCommits.Add(parent))
                        queue.Enqueue(parent);
                }
            }
        }

        var result = new List<(GitObjectId, GitObjectType, string)>();
        var sent = new HashSet<GitObjectId>();
        var excluded = new HashSet<GitObjectId>();
        var ourCommits = new List<GitCommit>();
        var pending = new Stack<GitObjectId>(tips);
        while (pending.TryPop(out GitObjectId id))
        {
            if (theirCommits.Contains(id) || sent.Contains(id))
                continue;
            if (!store.TryRead(id, out GitObjectType type, out byte[] content))
                throw new GitProtocolException(GitProtocolError.BadPack, $"Object {id} is missing from the local store.");
            if (type is GitObjectType.Tree or GitObjectType.Blob)
            {
                CollectTree(store, id, sent, result, "", excluded, type);
                continue;
            }
            sent.Add(id);
            result.Add((id, type, ""));
            if (type == GitObjectType.Tag)
            {
                pending.Push(GitTag.Parse(content, store.Algorithm).Target);
                continue;
            }
            GitCommit commit = GitCommit.Parse(content, store.Algorithm);
            ourCommits.Add(commit);
            foreach (GitObjectId parent in commit.Parents)
            {
                if (theirCommits.Contains(parent))
                    CollectTree(store, ReadCommit(store, parent).Tree, excluded, null, "");
                else
                    pending.Push(parent);
            }
        }
        foreach (GitCommit commit in ourCommits)
            CollectTree(store, commit.Tree, sent, result, "", excluded);
        return result;
    }

    private static GitCommit ReadCommit(IObjectStore store, GitObjectId id) =>
        store.TryRead(id, out GitObjectType type, out byte[] content) && type == GitObjectType.Commit
            ? GitCommit.Parse(content, store.Algorithm)
            : throw new GitProtocolException(GitProtocolError.BadPack, $"Commit {id} is missing from the local store.");

    /// <summary>Adds the tree <paramref name="root"/> and everything under it to <paramref name="seen"/> (and to <paramref name="output"/> when given), skipping <paramref name="skip"/>.</summary>
    private static void CollectTree(IObjectStore store, GitObjectId root, HashSet<GitObjectId> seen, List<(GitObjectId, GitObjectType, string)>? output,
        string rootPath, HashSet<GitObjectId>? skip = null, GitObjectType rootType = GitObjectType.Tree)
    {
        var stack = new Stack<(GitObjectId Id, GitObjectType Type, string Path)>([(root, rootType, rootPath)]);
        while (stack.TryPop(out var item))
        {
            if ((skip is not null && skip.Contains(item.Id)) || !seen.Add(item.Id))
                continue;
            output?.Add((item.Id, item.Type, item.Path));
            if (item.Type != GitObjectType.Tree)
            {
                if (output is not null && !store.Contains(item.Id))
                    throw new GitProtocolException(GitProtocolError.BadPack, $"Object {item.Id} is missing from the local store.");
                continue;
            }
            if (!store.TryRead(item.Id, out GitObjectType type, out byte[] content) || type != GitObjectType.Tree)
            {
                if (output is null)
                    continue;
                throw new GitProtocolException(GitProtocolError.BadPack, $"Tree {item.Id} is missing from the local store.");
            }
            foreach (GitTreeEntry entry in GitTree.Parse(content, store.Algorithm).Entries)
            {
                if (entry.Mode == GitTreeEntry.Gitlink)
                    continue;
                stack.Push((entry.Id, entry.ObjectType, entry.NameText));
            }
        }
    }

    /// <summary>
    /// The first object reachable from <paramref name="tips"/> that <paramref name="store"/> lacks,
    /// not descending below <paramref name="complete"/> (commits known to be whole); null when
    /// everything is there. <paramref name="expected"/>: about how many objects the walk will meet
    /// (the objects just received), so the visited set (an <see cref="ObjectIdSet"/>, about 23 bytes
    /// an id) is allocated once at its final size instead of growing by copies. Trees are walked
    /// before the commit's parents, so the pending stack stays as deep as a tree, not as long as history.
    /// </summary>
    public static GitObjectId? FindMissing(IObjectStore store, IEnumerable<GitObjectId> tips, IReadOnlySet<GitObjectId> complete, int expected = 0)
    {
        var seen = new ObjectIdSet(store.Algorithm, expected);
        var stack = new Stack<GitObjectId>(tips);
        while (stack.TryPop(out GitObjectId id))
        {
            if (complete.Contains(id) || !seen.Add(id))
                continue;
            if (!store.TryRead(id, out GitObjectType type, out byte[] content))
                return id;
            switch (type)
            {
                case GitObjectType.Commit:
                    GitCommit commit = GitCommit.Parse(content, store.Algorithm);
                    foreach (GitObjectId parent in commit.Parents)
                        stack.Push(parent);
                    stack.Push(commit.Tree);
                    break;
                case GitObjectType.Tree:
                    foreach (GitTreeEntry entry in GitTree.Parse(content, store.Algorithm).Entries)
                    {
                        if (entry.Mode == GitTreeEntry.Gitlink)
                            continue;
                        if (entry.IsDirectory)
                            stack.Push(entry.Id);
                        else if (seen.Add(entry.Id) && !store.Contains(entry.Id))
                            return entry.Id;
                    }
                    break;
                case GitObjectType.Tag:
                    stack.Push(GitTag.Parse(content, store.Algorithm).Target);
                    break;
            }
        }
        return null;
    }
}

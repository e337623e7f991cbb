using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Sync.Internal;

namespace Islet.Store.Sync;

/// <summary>
/// Sync between two stores in one process (two backends in one image): fetch and push with the
/// same ref mapping and fast-forward rules as <see cref="GitSyncClient"/>, copying only the
/// objects the target lacks. Objects are copied before any ref moves, and a ref moves only by
/// compare-and-swap.
/// </summary>
public static class GitStoreSync
{
    /// <summary>
    /// Fetches <paramref name="source"/>'s branches and tags into <paramref name="target"/> as
    /// <see cref="GitSyncClient.FetchAsync"/> maps them (remote-tracking refs named
    /// <see cref="GitFetchOptions.RemoteName"/>, or mirrored branches).
    /// </summary>
    /// <exception cref="GitProtocolException">The source's history is incomplete (BadPack); no object or ref was written.</exception>
    public static IReadOnlyList<GitRefUpdate> Fetch(IStoreBackend source, IStoreBackend target, GitFetchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new GitFetchOptions();
        var mapped = new List<(string Local, GitObjectId Id)>();
        foreach (var remote in source.Refs.List())
        {
            if (GitSyncClient.LocalName(options, remote.Name) is string local && source.Refs.Resolve(remote.Name) is GitObjectId id)
                mapped.Add((local, id));
        }
        ObjectCopier.Copy(source.Objects, target.Objects, mapped.Select(m => m.Id));
        var updates = new List<GitRefUpdate>();
        foreach ((string local, GitObjectId id) in mapped.OrderBy(m => m.Local, StringComparer.Ordinal))
        {
            GitObjectId? old = target.Refs.Read(local) is { IsSymbolic: false } value ? value.Id : null;
            bool force = options.Force || (!options.Mirror && local.StartsWith("refs/remotes/", StringComparison.Ordinal));
            updates.Add(RefUpdatePlanner.Apply(target.Refs, RefUpdatePlanner.Plan(target.Objects, local, old, id, force)));
        }
        return updates;
    }

    /// <summary>
    /// Pushes refs of <paramref name="source"/> to <paramref name="target"/>: an update whose
    /// current target tip is not an ancestor of the new tip in <paramref name="source"/> (including
    /// a tip <paramref name="source"/> does not have) is refused unless forced; deletes need no force.
    /// </summary>
    /// <exception cref="ArgumentException">A refspec's source ref does not exist.</exception>
    /// <exception cref="GitProtocolException">The source's history is incomplete (BadPack); no object or ref was written.</exception>
    public static GitPushResult Push(IStoreBackend source, IStoreBackend target, IEnumerable<GitPushRefspec> refspecs, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(refspecs);
        var plans = new List<GitRefUpdate>();
        foreach (GitPushRefspec spec in refspecs)
        {
            GitObjectId? newId = spec.Source is null ? null
                : source.Refs.Resolve(spec.Source) ?? throw new ArgumentException($"The source ref '{spec.Source}' does not exist.", nameof(refspecs));
            GitObjectId? old = target.Refs.Read(spec.Destination) is { IsSymbolic: false } value ? value.Id : null;
            plans.Add(RefUpdatePlanner.Plan(source.Objects, spec.Destination, old, newId, force || spec.Force));
        }
        var tips = plans.Where(p => p.Succeeded).Select(p => p.NewId).OfType<GitObjectId>().ToList();
        int copied = ObjectCopier.Copy(source.Objects, target.Objects, tips);
        return new GitPushResult(plans.Select(p => RefUpdatePlanner.Apply(target.Refs, p)).ToList(), copied);
    }
}

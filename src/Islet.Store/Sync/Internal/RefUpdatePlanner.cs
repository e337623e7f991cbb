using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// The fast-forward rules shared by fetch, push and store-to-store sync, and the
/// compare-and-swap that applies a planned update to an <see cref="IRefStore"/>.
/// </summary>
internal static class RefUpdatePlanner
{
    /// <summary>
    /// Decides what updating <paramref name="name"/> from <paramref name="oldId"/> to
    /// <paramref name="newId"/> would be. Creation and deletion need no force; an existing tag
    /// moves only with force; a branch moves without force only when <paramref name="oldId"/> is
    /// an ancestor of <paramref name="newId"/> in <paramref name="objects"/> (an old tip missing
    /// from <paramref name="objects"/> is not).
    /// </summary>
    public static GitRefUpdate Plan(IObjectStore objects, string name, GitObjectId? oldId, GitObjectId? newId, bool force)
    {
        if (oldId == newId)
            return new GitRefUpdate(name, oldId, newId, GitRefUpdateStatus.UpToDate);
        if (newId is null)
            return new GitRefUpdate(name, oldId, null, GitRefUpdateStatus.Deleted);
        if (oldId is not GitObjectId old)
            return new GitRefUpdate(name, null, newId, GitRefUpdateStatus.Created);
        if (name.StartsWith("refs/tags/", StringComparison.Ordinal) && !force)
            return new GitRefUpdate(name, oldId, newId, GitRefUpdateStatus.RejectedAlreadyExists, "the tag already exists");
        if (ObjectGraph.IsAncestor(objects, old, newId.Value))
            return new GitRefUpdate(name, oldId, newId, GitRefUpdateStatus.FastForward);
        if (force)
            return new GitRefUpdate(name, oldId, newId, GitRefUpdateStatus.Forced);
        string reason = objects.Contains(old) ? "non-fast-forward" : "non-fast-forward (the old tip is not in the local store; fetch first)";
        return new GitRefUpdate(name, oldId, newId, GitRefUpdateStatus.RejectedNonFastForward, reason);
    }

    /// <summary>Applies a successful plan by compare-and-swap; a lost race gives <see cref="GitRefUpdateStatus.RejectedStale"/>.</summary>
    public static GitRefUpdate Apply(IRefStore refs, GitRefUpdate plan)
    {
        if (!plan.Succeeded || plan.Status == GitRefUpdateStatus.UpToDate)
            return plan;
        bool done = plan.NewId is GitObjectId newId
            ? refs.TryUpdate(plan.Name, plan.OldId, newId)
            : refs.TryDelete(plan.Name, plan.OldId!.Value);
        return done ? plan : plan with { Status = GitRefUpdateStatus.RejectedStale, Reason = "the ref changed during the sync" };
    }
}

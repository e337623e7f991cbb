using Islet.Store.Git;

namespace Islet.Store.Sync;

/// <summary>The outcome for one ref.</summary>
/// <param name="Name">The ref that was (or would have been) changed: a local ref for fetch and clone, a remote ref for push.</param>
/// <param name="OldId">Its value before; null when it did not exist.</param>
/// <param name="NewId">Its wanted value; null for a delete.</param>
/// <param name="Status">What happened.</param>
/// <param name="Reason">For a rejection, why (the remote's own words for <see cref="GitRefUpdateStatus.RejectedByRemote"/>).</param>
public sealed record GitRefUpdate(string Name, GitObjectId? OldId, GitObjectId? NewId, GitRefUpdateStatus Status, string? Reason = null)
{
    /// <summary>True unless the update was rejected.</summary>
    public bool Succeeded => Status is GitRefUpdateStatus.Created or GitRefUpdateStatus.FastForward or GitRefUpdateStatus.Forced
        or GitRefUpdateStatus.Deleted or GitRefUpdateStatus.UpToDate;
}

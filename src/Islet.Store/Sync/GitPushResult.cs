namespace Islet.Store.Sync;

/// <summary>What a push did.</summary>
/// <param name="Updates">One entry per refspec's remote ref, in the order of the refspecs.</param>
/// <param name="ObjectsSent">How many objects the pack carried (0 when none was sent).</param>
public sealed record GitPushResult(IReadOnlyList<GitRefUpdate> Updates, int ObjectsSent)
{
    /// <summary>True when every ref was updated (or was already up to date).</summary>
    public bool Succeeded => Updates.All(u => u.Succeeded);
}

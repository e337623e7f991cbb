namespace Islet.Store.Git.Gc;

/// <summary>Settings for <see cref="GitGarbageCollector.Collect"/>.</summary>
public sealed record GitGcOptions
{
    /// <summary>
    /// Unreachable objects (and stray temporary files) younger than this survive, so a concurrent
    /// writer's new objects that no ref names yet are not dropped (git's <c>gc.pruneExpire</c>,
    /// two weeks by default there). Default: one hour. <see cref="TimeSpan.Zero"/> drops every unreachable object.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The object format of the repository.</summary>
    public GitHashAlgorithm Algorithm { get; init; } = GitHashAlgorithm.Sha1;
}

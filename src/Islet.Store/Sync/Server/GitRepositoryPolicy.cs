namespace Islet.Store.Sync.Server;

/// <summary>What clients may do to one served repository.</summary>
/// <remarks>The defaults are git's: pushes allowed, non-fast-forward updates allowed (receive.denyNonFastForwards=false), deleting the branch HEAD names refused (receive.denyDeleteCurrent).</remarks>
public sealed record GitRepositoryPolicy
{
    /// <summary>When true, receive-pack is refused with HTTP 403 (clone and fetch still work).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>When true, an update that does not fast-forward a ref is rejected (<c>ng REF non-fast-forward</c>), even when the client forces it.</summary>
    public bool DenyNonFastForwards { get; init; }

    /// <summary>When true (the default), deleting the branch that HEAD points to is rejected.</summary>
    public bool DenyDeleteCurrent { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static GitRepositoryPolicy Default { get; } = new();
}

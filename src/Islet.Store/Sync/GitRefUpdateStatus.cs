namespace Islet.Store.Sync;

/// <summary>What happened to one ref in a fetch, clone, push or store-to-store sync.</summary>
public enum GitRefUpdateStatus
{
    /// <summary>The ref did not exist and now does.</summary>
    Created,

    /// <summary>The old value is an ancestor of the new one.</summary>
    FastForward,

    /// <summary>Not a fast-forward, applied because force was set.</summary>
    Forced,

    /// <summary>The ref was deleted.</summary>
    Deleted,

    /// <summary>The ref already had the new value; nothing changed.</summary>
    UpToDate,

    /// <summary>Refused before anything was sent or written: the old value is not an ancestor of the new one (or is unknown locally) and force was not set.</summary>
    RejectedNonFastForward,

    /// <summary>Refused: a tag that exists with another value is only replaced with force.</summary>
    RejectedAlreadyExists,

    /// <summary>The ref changed under us (the compare-and-swap lost); nothing was written.</summary>
    RejectedStale,

    /// <summary>The remote refused the update (an <c>ng</c> line); see the reason.</summary>
    RejectedByRemote,
}

namespace Islet.Store;

/// <summary>Why a path conflicts in a three-way merge.</summary>
public enum StoreConflictKind
{
    /// <summary>Both sides changed the value and the content type's merge refused.</summary>
    ValuesConflict,

    /// <summary>One side removed the value (or its directory) and the other changed it.</summary>
    RemovedAndChanged,

    /// <summary>One side has a value where the other has a directory.</summary>
    ValueAndDirectory,

    /// <summary>The path holds something that is not a value (a gitlink or symlink) and both sides changed it.</summary>
    NotAValue,
}

namespace Islet.Store.Git.Packs.Internal;

/// <summary>The type field of a pack entry header (gitformat-pack "Object types"); 0 and 5 are invalid.</summary>
internal enum PackEntryKind
{
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
    OffsetDelta = 6,
    ReferenceDelta = 7,
}

namespace Islet.Store.Git.Packs;

/// <summary>Why a pack file or pack index was refused (gitformat-pack). Carried by <see cref="GitPackException"/>.</summary>
public enum GitPackError
{
    /// <summary>The file ends before a structure it declares: a header, a table, an entry or its compressed data.</summary>
    Truncated,

    /// <summary>The magic bytes or the version are not those of a pack (<c>PACK</c>, 2 or 3) or an index (<c>\377tOc</c>, 2).</summary>
    BadHeader,

    /// <summary>A trailing checksum does not match the bytes before it, or the index names a different pack.</summary>
    ChecksumMismatch,

    /// <summary>The index is inconsistent: fan-out not monotonic, ids not strictly sorted or in the wrong bucket, a large offset missing.</summary>
    BadIndex,

    /// <summary>An entry header is malformed: unknown type, size varint too long, or a size above the reader's limit.</summary>
    BadEntry,

    /// <summary>The compressed data of an entry is not valid zlib, or inflates to a size other than the header's.</summary>
    BadCompression,

    /// <summary>A delta's base is not strictly before the delta, lies outside the pack, is missing, or the chain is too deep or loops.</summary>
    BadDeltaBase,

    /// <summary>A delta's instructions are malformed: a size disagrees with the base or the result, a copy reaches outside the base, the reserved opcode 0.</summary>
    BadDelta,

    /// <summary>The object read does not hash to the id it was asked for.</summary>
    HashMismatch,

    /// <summary>An incoming pack goes over a limit its reader was given: objects, bytes, object size or delta depth.</summary>
    LimitExceeded,
}

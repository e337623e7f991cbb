namespace Islet.Store.Git.Refs;

/// <summary>Why a ref operation was refused. Carried by <see cref="GitRefException"/>.</summary>
public enum GitRefError
{
    /// <summary>A ref name breaks git-check-ref-format: an empty component, <c>..</c>, a control character or one of <c>~^:?*[\</c> or space, a component starting with <c>.</c> or ending with <c>.lock</c>, <c>@{</c>, a trailing <c>/</c> or <c>.</c>, or the name <c>@</c>.</summary>
    InvalidName,

    /// <summary>A loose ref file is neither <c>HEX</c> (40 or 64 digits, matching the repository's hash) followed by the end or whitespace, nor <c>ref: NAME</c>.</summary>
    MalformedLooseRef,

    /// <summary>A <c>packed-refs</c> line is neither <c>HEX SP NAME</c> nor <c>^HEX</c> after a ref, the file does not end with a newline, or a name repeats.</summary>
    MalformedPackedRefs,

    /// <summary>Symbolic refs nest deeper than <see cref="RefStore.MaxSymbolicDepth"/> (or form a cycle).</summary>
    SymbolicRefTooDeep,

    /// <summary>Creating the ref would put a ref inside another (<c>refs/heads/a</c> exists and <c>refs/heads/a/b</c> is created, or the reverse), loose or packed; git forbids this.</summary>
    NameConflict,

    /// <summary>The ref's (or <c>packed-refs</c>') <c>.lock</c> file existed for the whole lock timeout: another writer holds it, or it is stale and must be removed by hand.</summary>
    Locked,
}

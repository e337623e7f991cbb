namespace Islet.Store.Git.Packs;

/// <summary>
/// A pack file or pack index is malformed or corrupt. The only exception the pack readers throw
/// for bad input; <see cref="Error"/> says which rule was broken.
/// </summary>
public sealed class GitPackException : Exception
{
    /// <summary>A refusal for <paramref name="error"/> with a message naming the place.</summary>
    public GitPackException(GitPackError error, string message) : base(message) => Error = error;

    /// <summary>A refusal for <paramref name="error"/> caused by <paramref name="inner"/> (an I/O or zlib error).</summary>
    public GitPackException(GitPackError error, string message, Exception inner) : base(message, inner) => Error = error;

    /// <summary>Which rule the input broke.</summary>
    public GitPackError Error { get; }
}

namespace Islet.Store.Git;

/// <summary>
/// Bytes that are not a well-formed Git object: a malformed commit, tree, tag or signature, or a
/// loose object file that is truncated, not zlib, has a bad header, or does not hash to its name.
/// The only exception the object parsers and <see cref="LooseObjectStore"/> readers throw for bad input.
/// </summary>
public sealed class GitFormatException : Exception
{
    /// <summary>An error with a message saying what is wrong and where.</summary>
    public GitFormatException(string message) : base(message) { }

    /// <summary>An error caused by <paramref name="inner"/> (for example a zlib error).</summary>
    public GitFormatException(string message, Exception inner) : base(message, inner) { }
}

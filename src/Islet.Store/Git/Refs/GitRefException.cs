namespace Islet.Store.Git.Refs;

/// <summary>
/// A ref name, ref file or <c>packed-refs</c> file is malformed, or a lock is held. The only
/// exception the ref readers throw for bad on-disk content; <see cref="Error"/> says which rule was broken.
/// </summary>
public sealed class GitRefException : Exception
{
    /// <summary>A refusal for <paramref name="error"/> with a message naming the ref or file.</summary>
    public GitRefException(GitRefError error, string message) : base(message) => Error = error;

    /// <summary>Which rule was broken.</summary>
    public GitRefError Error { get; }
}

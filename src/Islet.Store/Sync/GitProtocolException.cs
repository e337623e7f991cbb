namespace Islet.Store.Sync;

/// <summary>A Git wire conversation failed; <see cref="Error"/> says how. The store is unchanged by the failed exchange.</summary>
public sealed class GitProtocolException : Exception
{
    /// <summary>An exception for <paramref name="error"/>.</summary>
    public GitProtocolException(GitProtocolError error, string message) : base(message) => Error = error;

    /// <summary>An exception for <paramref name="error"/> caused by <paramref name="inner"/>.</summary>
    public GitProtocolException(GitProtocolError error, string message, Exception inner) : base(message, inner) => Error = error;

    /// <summary>The kind of failure.</summary>
    public GitProtocolError Error { get; }
}

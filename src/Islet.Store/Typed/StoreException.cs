namespace Islet.Store;

/// <summary>A failure of the typed store or its backends' layout, with its kind in <see cref="Error"/>. Merge conflicts are not exceptions of this type: see <see cref="StoreConflictException{T}"/>.</summary>
public sealed class StoreException : Exception
{
    /// <summary>A failure of kind <paramref name="error"/>.</summary>
    public StoreException(StoreError error, string message) : base(message) => Error = error;

    /// <summary>A failure of kind <paramref name="error"/> caused by <paramref name="inner"/>.</summary>
    public StoreException(StoreError error, string message, Exception inner) : base(message, inner) => Error = error;

    /// <summary>The kind of failure.</summary>
    public StoreError Error { get; }
}

namespace Islet.Store.Merge;

/// <summary>
/// The only exception the mergeable types' decoders throw: the bytes are truncated, have
/// trailing data, a wrong type tag, a non-canonical order (unsorted or duplicate set members or
/// map keys), or an element the element codec rejects.
/// </summary>
public sealed class MergeFormatException : Exception
{
    /// <summary>Creates the exception with a message saying what was malformed.</summary>
    public MergeFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner cause.</summary>
    public MergeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MergeFormatException()
        : base("Malformed encoding of a mergeable value.")
    {
    }
}

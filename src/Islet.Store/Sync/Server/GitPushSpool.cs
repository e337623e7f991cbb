namespace Islet.Store.Sync.Server;

/// <summary>
/// Where receive-pack keeps a pushed pack between reading it from the request body and ingesting it.
/// The spool exists because the body can only be read asynchronously while the ingester also reads
/// synchronously; its size is bounded by <c>HttpServerOptions.MaxRequestBodySize</c> either way.
/// </summary>
public enum GitPushSpool
{
    /// <summary>
    /// A temporary file (as <see cref="TemporaryFile"/>) when one can be created, else memory (as
    /// <see cref="Memory"/>): the right choice on a host, and still correct in a sealed image, whose
    /// attempt to open a file fails at once (the ABI answers ENOENT for every path).
    /// </summary>
    Automatic,

    /// <summary>
    /// A file in <see cref="System.IO.Path.GetTempPath"/> that deletes itself when closed; a push fails
    /// (<c>unpack</c> error, nothing changed) when it cannot be created.
    /// </summary>
    TemporaryFile,

    /// <summary>
    /// Memory, in 64 KiB chunks (no copy as it grows): what sealed images use, since they have no
    /// filesystem. Size the image's memory for the largest push the HTTP server accepts.
    /// </summary>
    Memory,
}

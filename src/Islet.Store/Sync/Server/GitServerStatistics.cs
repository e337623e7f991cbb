namespace Islet.Store.Sync.Server;

/// <summary>
/// Counters of one served repository, updated on the event loop as requests complete (read them on
/// the loop, or after the server stopped). They let tests and operators see how much a fetch sent.
/// </summary>
public sealed class GitServerStatistics
{
    /// <summary>Ref advertisements served (GET info/refs).</summary>
    public long Advertisements { get; internal set; }

    /// <summary>POSTs whose body came gzip-compressed (git compresses upload-pack requests over 1 KiB).</summary>
    public long GzipRequests { get; internal set; }

    /// <summary>Upload-pack POSTs answered (negotiation rounds included).</summary>
    public long UploadPackRequests { get; internal set; }

    /// <summary>Packs sent to clients.</summary>
    public long PacksSent { get; internal set; }

    /// <summary>Objects in the packs sent, summed.</summary>
    public long ObjectsSent { get; internal set; }

    /// <summary>Bytes of the packs sent, summed (side-band framing not counted).</summary>
    public long PackBytesSent { get; internal set; }

    /// <summary>Objects in the last pack sent.</summary>
    public long LastPackObjects { get; internal set; }

    /// <summary>Receive-pack POSTs answered.</summary>
    public long ReceivePackRequests { get; internal set; }

    /// <summary>Refs created, updated or deleted by pushes.</summary>
    public long RefsUpdated { get; internal set; }

    /// <summary>Pushes whose pack was refused (bad pack, missing objects).</summary>
    public long PacksRejected { get; internal set; }
}

namespace Islet.Monitor.Loader;

/// <summary>The access a loaded segment's pages get in the guest page tables.</summary>
[Flags]
public enum SegmentPermissions
{
    /// <summary>No access (the pages are mapped but every access faults).</summary>
    None = 0,

    /// <summary>Readable (PF_R).</summary>
    Read = 1,

    /// <summary>Writable (PF_W).</summary>
    Write = 2,

    /// <summary>Executable (PF_X).</summary>
    Execute = 4,
}

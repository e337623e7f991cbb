namespace Islet.Store.Backends.BlockDevice;

/// <summary>Why a block-device store refused an operation (<see cref="BlockStoreException.Error"/>).</summary>
public enum BlockStoreError
{
    /// <summary>Neither head slot holds a valid head: the device was never formatted, or both slots are damaged.</summary>
    NotFormatted,

    /// <summary>A record below the head's log end is damaged (bad magic, length or checksum), or the device geometry is unusable.</summary>
    Corrupt,

    /// <summary>The records for this operation do not fit in the space left; nothing was written and the store is unchanged.</summary>
    Full,
}

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>What a log record holds.</summary>
internal enum BlockRecordKind : uint
{
    /// <summary>A Git pack and its idx: u64 pack length, the pack, the idx.</summary>
    Pack = 1,

    /// <summary>The whole ref set (<see cref="RefTableCodec"/>).</summary>
    RefTable = 2,
}

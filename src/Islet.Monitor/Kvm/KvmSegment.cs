using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>struct kvm_segment: a segment register with its hidden descriptor part; 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 24)]
public struct KvmSegment
{
    public ulong Base;
    public uint Limit;
    public ushort Selector;
    /// <summary>The descriptor type field (for example 0xB: code, execute/read, accessed).</summary>
    public byte Type;
    public byte Present, Dpl, Db, S, L, G, Avl;
    public byte Unusable;
    private readonly byte _padding;
}

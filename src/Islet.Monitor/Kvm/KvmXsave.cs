using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>
/// struct kvm_xsave: the legacy 4096-byte XSAVE area (the FXSAVE image in its first 512
/// bytes, the XSAVE header at 512). Larger areas (KVM_GET_XSAVE2) need a larger buffer.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 4096)]
public struct KvmXsave
{
    /// <summary>The area as bytes; the span refers to this struct and must not outlive it.</summary>
    [UnscopedRef]
    public Span<byte> AsSpan() => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref _region, 1));

    private KvmXsaveRegion _region;

    [InlineArray(1024)]
    private struct KvmXsaveRegion
    {
        private uint _word;
    }
}

using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>struct kvm_xcr: one extended control register (XCR0 is number 0); 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct KvmXcr
{
    public uint Xcr;
    private readonly uint _reserved;
    public ulong Value;
}

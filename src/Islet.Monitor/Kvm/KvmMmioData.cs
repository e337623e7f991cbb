using System.Runtime.CompilerServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_run.mmio.data: up to 8 bytes written by, or to return to, the guest.</summary>
[InlineArray(8)]
public struct KvmMmioData
{
    private byte _byte;
}

using System.Runtime.CompilerServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_sregs.interrupt_bitmap: one bit per pending external interrupt vector (256 bits).</summary>
[InlineArray(4)]
public struct KvmInterruptBitmap
{
    private ulong _word;
}

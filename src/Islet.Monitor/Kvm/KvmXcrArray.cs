using System.Runtime.CompilerServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_xcrs.xcrs: room for KVM_MAX_XCRS (16) registers.</summary>
[InlineArray(16)]
public struct KvmXcrArray
{
    private KvmXcr _element;
}

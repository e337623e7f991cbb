using System.Runtime.CompilerServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_run.internal.data: up to 16 words of suberror-specific detail.</summary>
[InlineArray(16)]
public struct KvmInternalErrorData
{
    private ulong _word;
}

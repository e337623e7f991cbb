using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm.Internal;

/// <summary>The cold throws of the KVM layer.</summary>
internal static class ThrowHelper
{
    /// <summary>Throws <see cref="KvmError.CallFailed"/> for <paramref name="operation"/> with the errno of the last P/Invoke.</summary>
    [DoesNotReturn]
    public static void CallFailed(string operation) => CallFailed(operation, Marshal.GetLastPInvokeError());

    /// <summary>Throws <see cref="KvmError.CallFailed"/> for <paramref name="operation"/> with <paramref name="errno"/>.</summary>
    [DoesNotReturn]
    public static void CallFailed(string operation, int errno) =>
        throw new KvmException(KvmError.CallFailed, operation, errno, $"{operation} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})");
}

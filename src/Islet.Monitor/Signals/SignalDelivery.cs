using Islet.Monitor.Kvm;

namespace Islet.Monitor.Signals;

/// <summary>
/// The result of <see cref="SignalFrame.Deliver"/>. When <see cref="Delivered"/> is true the vCPU
/// resumes with <see cref="Registers"/> (the caller also loads the user CS/SS and keeps the FP
/// state as it was); the thread's blocked mask is already <see cref="Blocked"/>. When it is false the
/// frame could not be written (a bad stack, or a handler without SA_RESTORER): nothing changed and
/// the caller kills the process with SIGSEGV, as the kernel's force_sigsegv does.
/// </summary>
/// <param name="Delivered">Whether the frame was written and the handler is to run.</param>
/// <param name="Registers">The register file at handler entry; meaningful only when delivered.</param>
/// <param name="Blocked">The blocked mask while the handler runs; meaningful only when delivered.</param>
/// <param name="Frame">The guest address of the rt_sigframe (the handler's RSP).</param>
public readonly record struct SignalDelivery(bool Delivered, KvmRegs Registers, SignalSet Blocked, ulong Frame)
{
    /// <summary>The frame could not be written; the caller forces SIGSEGV.</summary>
    public static SignalDelivery Failed => default;
}

using Islet.Monitor.Kvm;

namespace Islet.Monitor.Signals;

/// <summary>
/// The result of <see cref="SignalFrame.Return"/> (rt_sigreturn). When <see cref="Restored"/> is
/// true the vCPU resumes with <see cref="Registers"/> (RAX included: rt_sigreturn "returns" the
/// interrupted RAX) and the XSAVE bytes written to the caller's buffer; the thread's blocked mask
/// and alternate stack are already restored. When it is false the frame was unreadable or its FP
/// state invalid (the kernel's badframe): the caller forces SIGSEGV.
/// </summary>
/// <param name="Restored">Whether the frame was read and the state restored.</param>
/// <param name="Registers">The interrupted (or handler-edited) register file.</param>
public readonly record struct SignalReturn(bool Restored, KvmRegs Registers)
{
    /// <summary>The frame was bad; the caller forces SIGSEGV.</summary>
    public static SignalReturn BadFrame => default;
}

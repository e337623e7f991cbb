namespace Islet.Monitor.Signals;

/// <summary>
/// The exception that raised a fault signal, as the kernel records it in the sigcontext
/// (thread.trap_nr, error_code, cr2). All zero for signals sent by another thread.
/// </summary>
/// <param name="TrapNumber">The exception vector (14 for #PF, 0 for #DE, 13 for #GP, 6 for #UD).</param>
/// <param name="ErrorCode">The exception's error code (the #PF error code's bits), or 0.</param>
/// <param name="Cr2">The faulting linear address of a #PF, or 0.</param>
public readonly record struct SignalTrap(ulong TrapNumber, ulong ErrorCode, ulong Cr2);

using System.Buffers.Binary;
using Islet.Monitor.Kvm;
using Islet.Monitor.Signals;

namespace Islet.Monitor.Runtime;

internal sealed partial class GuestThread
{
    // Offset of uc_sigmask in an rt_sigframe: pretcode (8), then the ucontext's flags, link,
    // stack (40 bytes) and sigcontext (256 bytes).
    private const ulong FrameSigmaskOffset = 8 + 40 + 256;
    private SignalTrap _pendingTrap;
    private SignalSet _savedMask;
    private bool _hasSavedMask;

    /// <summary>This thread's blocked mask, pending signals and alternate stack.</summary>
    public ThreadSignals Signals { get; } = new();

    private void InitSignals(GuestThread? parent)
    {
        // A thread starts with its creator's mask; CLONE_VM children get no alternate stack.
        if (parent is not null) Signals.Blocked = parent.Signals.Blocked;
    }

    /// <summary>Whether a pending signal is not blocked.</summary>
    public bool HasDeliverableSignal() => Signals.HasDeliverable;

    /// <summary>ppoll/pselect's temporary mask: in force until the wait ends.</summary>
    public void BeginTemporaryMask(ulong mask)
    {
        _savedMask = Signals.Blocked;
        _hasSavedMask = true;
        Signals.Blocked = new SignalSet(mask);
    }

    /// <summary>
    /// Ends the temporary mask. When the wait was interrupted by a signal, the temporary mask stays
    /// until that signal is delivered: its frame then carries the saved mask, which rt_sigreturn
    /// restores (Linux's restore_sigmask).
    /// </summary>
    public void EndTemporaryMask(bool interrupted)
    {
        if (interrupted && Signals.HasDeliverable) return;
        Signals.Blocked = _savedMask;
        _hasSavedMask = false;
    }

    /// <summary>A fault raised by the guest's own instruction (the registers are the interrupted context): delivered before it re-enters.</summary>
    private void RaiseFault(in SignalInfo info, int vector, ulong error, ulong cr2)
    {
        _pendingTrap = new SignalTrap((ulong)vector, error, cr2);
        Signals.Force(info, _machine.Actions);
    }

    /// <summary>Delivers one pending, unblocked signal: a handler gets a frame; the default action ends or ignores.</summary>
    private void DeliverPendingSignals()
    {
        while (Signals.TryDequeue(out SignalInfo info))
        {
            Waiter.ClearInterrupt();
            SignalTrap trap = LinuxSignal.IsSynchronous(info.Signal) ? _pendingTrap : default;
            _pendingTrap = default;
            SignalAction action = _machine.Actions.TakeForDelivery(info.Signal, out SignalDisposition disposition);
            if (disposition == SignalDisposition.Ignore) continue;
            if (disposition == SignalDisposition.Terminate)
            {
                _machine.KilledBy(this, info, trap);
                return;
            }
            Vcpu.GetXsave(out KvmXsave xsave);
            // KVM reports every component the host saves (PKRU, AVX-512 ...): the frame carries
            // only those the guest enabled in XCR0, as the kernel's XSAVE would.
            Span<byte> header = xsave.AsSpan()[XstateFormat.LegacySize..];
            BinaryPrimitives.WriteUInt64LittleEndian(header, BinaryPrimitives.ReadUInt64LittleEndian(header) & _machine.Xstate.Xcr0);
            SignalDelivery delivery = SignalFrame.Deliver(_machine.Memory, Regs, xsave.AsSpan(), _machine.Xstate, info, action, Signals, trap);
            if (!delivery.Delivered)
            {
                _machine.Crash(this, $"signal {info.Signal} could not be delivered: the signal frame does not fit on the stack at 0x{Regs.Rsp:x} (or no SA_RESTORER)", 128 + LinuxSignal.SIGSEGV);
                return;
            }
            if (_hasSavedMask)
            {
                _machine.Memory.WriteUInt64(delivery.Frame + FrameSigmaskOffset, _savedMask.Bits);
                _hasSavedMask = false;
            }
            Regs = delivery.Registers;
            RegsChanged();
            EnsureUserSegments();
            return;
        }
        if (_hasSavedMask)
        {
            Signals.Blocked = _savedMask;
            _hasSavedMask = false;
        }
    }
}

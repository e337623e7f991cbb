using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Islet.Monitor.Kvm.Internal;

namespace Islet.Monitor.Kvm;

/// <summary>
/// One virtual CPU: its fd and its mapped kvm_run. Not thread-safe; KVM expects one host
/// thread to run a vCPU (another may only set <see cref="KvmRun.ImmediateExit"/> and signal
/// it). Dispose unmaps kvm_run and closes the fd; references from <see cref="State"/> and
/// spans from <see cref="GetIoData"/> must not be used after that.
/// </summary>
public sealed class KvmVcpu : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly int _mmapSize;
    private nint _run;

    internal KvmVcpu(int id, FileDescriptor fd, int mmapSize)
    {
        if (mmapSize < Unsafe.SizeOf<KvmRun>()) throw new ArgumentOutOfRangeException(nameof(mmapSize), mmapSize, "KVM_GET_VCPU_MMAP_SIZE is smaller than kvm_run");
        nint run = LibC.Mmap(0, (nuint)mmapSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd.Value, 0);
        if (run == LibC.MapFailed) ThrowHelper.CallFailed("mmap (kvm_run)");
        Id = id;
        _fd = fd;
        _mmapSize = mmapSize;
        _run = run;
    }

    /// <summary>The vCPU id given to KVM_CREATE_VCPU.</summary>
    public int Id { get; }

    /// <summary>The shared kvm_run of this vCPU.</summary>
    /// <exception cref="ObjectDisposedException">The vCPU is disposed.</exception>
    public ref KvmRun State
    {
        get
        {
            ObjectDisposedException.ThrowIf(_run == 0, this);
            unsafe
            {
                // SAFETY: _run is a live mapping of at least sizeof(kvm_run) bytes (checked in
                // the constructor), page aligned, and stays mapped until Dispose.
                return ref *(KvmRun*)_run;
            }
        }
    }

    /// <summary>
    /// KVM_RUN: runs the guest until an exit user space must handle, and returns
    /// kvm_run.exit_reason. An interrupted run (a signal, or immediate_exit set) returns
    /// <see cref="KvmExitReason.Intr"/>.
    /// </summary>
    /// <exception cref="KvmException">KVM_RUN failed with an errno other than EINTR (for example EFAULT when guest memory is unbacked).</exception>
    public KvmExitReason Run()
    {
        ref KvmRun state = ref State;
        bool added = false;
        try
        {
            _fd.DangerousAddRef(ref added);
            if (LibC.Ioctl(_fd.Value, KvmRequest.Run, 0) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                const int EINTR = 4;
                if (errno == EINTR) return KvmExitReason.Intr;
                ThrowHelper.CallFailed("KVM_RUN", errno);
            }
            return state.ExitReason;
        }
        finally
        {
            if (added) _fd.DangerousRelease();
        }
    }

    /// <summary>
    /// The data of the current KVM_EXIT_IO (size × count bytes at io.data_offset in the
    /// mapping): the bytes written by an OUT, or where to put the bytes for an IN.
    /// </summary>
    /// <exception cref="InvalidOperationException">The last exit is not an I/O exit, or KVM's offset lies outside the mapping.</exception>
    public Span<byte> GetIoData()
    {
        ref KvmRun state = ref State;
        if (state.ExitReason != KvmExitReason.Io) throw new InvalidOperationException($"the last exit is {state.ExitReason}, not Io");
        ulong offset = state.Io.DataOffset;
        ulong length = (ulong)state.Io.Size * state.Io.Count;
        if (offset > (ulong)_mmapSize || length > (ulong)_mmapSize - offset)
            throw new InvalidOperationException($"KVM's I/O data 0x{offset:x}+{length} lies outside the {_mmapSize}-byte kvm_run mapping");
        unsafe
        {
            // SAFETY: [offset, offset + length) was checked to lie inside the live kvm_run mapping.
            return new Span<byte>((byte*)_run + (nint)offset, (int)length);
        }
    }

    /// <summary>KVM_GET_TSC_KHZ: the frequency of the TSC the guest reads, in kHz.</summary>
    /// <exception cref="KvmException">KVM does not report it.</exception>
    public int GetTscKhz() => KvmIoctl.Call(_fd, KvmRequest.GetTscKhz, 0, "KVM_GET_TSC_KHZ");

    /// <summary>KVM_GET_REGS.</summary>
    public KvmRegs GetRegs() => KvmIoctl.Read<KvmRegs>(_fd, KvmRequest.GetRegs, "KVM_GET_REGS");

    /// <summary>KVM_SET_REGS.</summary>
    public void SetRegs(in KvmRegs regs) => KvmIoctl.Write(_fd, KvmRequest.SetRegs, regs, "KVM_SET_REGS");

    /// <summary>KVM_GET_SREGS.</summary>
    public KvmSregs GetSregs() => KvmIoctl.Read<KvmSregs>(_fd, KvmRequest.GetSregs, "KVM_GET_SREGS");

    /// <summary>KVM_SET_SREGS.</summary>
    public void SetSregs(in KvmSregs sregs) => KvmIoctl.Write(_fd, KvmRequest.SetSregs, sregs, "KVM_SET_SREGS");

    /// <summary>KVM_GET_XCRS.</summary>
    public KvmXcrs GetXcrs() => KvmIoctl.Read<KvmXcrs>(_fd, KvmRequest.GetXcrs, "KVM_GET_XCRS");

    /// <summary>KVM_SET_XCRS (XCR0 must include x87 and be a subset of what CPUID allows, or EINVAL).</summary>
    public void SetXcrs(in KvmXcrs xcrs) => KvmIoctl.Write(_fd, KvmRequest.SetXcrs, xcrs, "KVM_SET_XCRS");

    /// <summary>KVM_GET_XSAVE (the legacy 4096-byte area).</summary>
    public void GetXsave(out KvmXsave xsave) => xsave = KvmIoctl.Read<KvmXsave>(_fd, KvmRequest.GetXsave, "KVM_GET_XSAVE");

    /// <summary>KVM_SET_XSAVE.</summary>
    public void SetXsave(in KvmXsave xsave) => KvmIoctl.Write(_fd, KvmRequest.SetXsave, xsave, "KVM_SET_XSAVE");

    /// <summary>KVM_SET_CPUID2: the CPUID leaves the guest sees (usually from <see cref="KvmSystem.GetSupportedCpuid"/>).</summary>
    /// <exception cref="KvmException">The ioctl failed (for example E2BIG for too many entries).</exception>
    public void SetCpuid(ReadOnlySpan<KvmCpuidEntry2> entries)
    {
        int header = Unsafe.SizeOf<KvmCpuid2Header>();
        var buffer = new byte[header + entries.Length * Unsafe.SizeOf<KvmCpuidEntry2>()];
        MemoryMarshal.Write(buffer, new KvmCpuid2Header { EntryCount = (uint)entries.Length });
        MemoryMarshal.AsBytes(entries).CopyTo(buffer.AsSpan(header));
        int errno = CpuidBuffer.Call(_fd, KvmRequest.SetCpuid2, buffer);
        if (errno != 0) ThrowHelper.CallFailed("KVM_SET_CPUID2", errno);
    }

    /// <summary>KVM_SET_MSRS: writes every entry of <paramref name="entries"/> in order.</summary>
    /// <exception cref="KvmException">The ioctl failed, or KVM refused an entry (the message names the first MSR not written).</exception>
    public void SetMsrs(ReadOnlySpan<KvmMsrEntry> entries)
    {
        byte[] buffer = MsrBuffer(entries);
        int written = MsrCall(KvmRequest.SetMsrs, buffer, "KVM_SET_MSRS");
        if (written != entries.Length)
            throw new KvmException(KvmError.CallFailed, "KVM_SET_MSRS", 0, $"KVM_SET_MSRS wrote {written} of {entries.Length} MSRs; MSR 0x{entries[written].Index:x} was refused");
    }

    /// <summary>
    /// KVM_GET_MSRS: reads the MSR named by each entry's <see cref="KvmMsrEntry.Index"/> into its
    /// <see cref="KvmMsrEntry.Data"/>.
    /// </summary>
    /// <exception cref="KvmException">The ioctl failed, or KVM could not read an entry (the message names it).</exception>
    public void GetMsrs(Span<KvmMsrEntry> entries)
    {
        byte[] buffer = MsrBuffer(entries);
        int read = MsrCall(KvmRequest.GetMsrs, buffer, "KVM_GET_MSRS");
        if (read != entries.Length)
            throw new KvmException(KvmError.CallFailed, "KVM_GET_MSRS", 0, $"KVM_GET_MSRS read {read} of {entries.Length} MSRs; MSR 0x{entries[read].Index:x} was refused");
        MemoryMarshal.Cast<byte, KvmMsrEntry>(buffer.AsSpan(Unsafe.SizeOf<KvmMsrsHeader>())).CopyTo(entries);
    }

    // A kvm_msrs in one buffer: the 8-byte header, then the entries.
    private static byte[] MsrBuffer(ReadOnlySpan<KvmMsrEntry> entries)
    {
        int header = Unsafe.SizeOf<KvmMsrsHeader>();
        var buffer = new byte[header + entries.Length * Unsafe.SizeOf<KvmMsrEntry>()];
        MemoryMarshal.Write(buffer, new KvmMsrsHeader { EntryCount = (uint)entries.Length });
        MemoryMarshal.AsBytes(entries).CopyTo(buffer.AsSpan(header));
        return buffer;
    }

    private int MsrCall(uint request, byte[] buffer, string name)
    {
        unsafe
        {
            // SAFETY: the buffer is pinned for the call and holds a kvm_msrs header whose nmsrs
            // equals the number of 16-byte entries that follow it, so the kernel stays inside it.
            fixed (byte* pointer = buffer)
            {
                return KvmIoctl.Call(_fd, request, (nint)pointer, name);
            }
        }
    }

    /// <summary>Unmaps kvm_run and closes the vCPU fd.</summary>
    public void Dispose()
    {
        nint run = Interlocked.Exchange(ref _run, 0);
        if (run != 0) LibC.Munmap(run, (nuint)_mmapSize);
        _fd.Dispose();
    }
}

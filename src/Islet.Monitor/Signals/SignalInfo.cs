using System.Buffers.Binary;

namespace Islet.Monitor.Signals;

/// <summary>
/// A signal's siginfo_t: si_signo, si_errno, si_code at 0, 4 and 8, then a union at 16 whose
/// member <see cref="Kind"/> selects (si_addr at 16; si_pid at 16, si_uid at 20, si_value at 24).
/// 128 bytes in guest memory; bytes not named here are zero.
/// </summary>
/// <param name="Signal">si_signo, 1..64.</param>
/// <param name="Code">si_code (<see cref="SignalCode"/>).</param>
/// <param name="Kind">The union member to fill.</param>
/// <param name="Address">si_addr for <see cref="SignalInfoKind.Fault"/>.</param>
/// <param name="Pid">si_pid for <see cref="SignalInfoKind.Kill"/> and <see cref="SignalInfoKind.Queue"/>.</param>
/// <param name="Uid">si_uid for <see cref="SignalInfoKind.Kill"/> and <see cref="SignalInfoKind.Queue"/>.</param>
/// <param name="Value">si_value for <see cref="SignalInfoKind.Queue"/>.</param>
/// <param name="Errno">si_errno, normally 0.</param>
public readonly record struct SignalInfo(
    int Signal, int Code, SignalInfoKind Kind, ulong Address = 0, int Pid = 0, uint Uid = 0, ulong Value = 0, int Errno = 0)
{
    /// <summary>The size of siginfo_t.</summary>
    public const int Size = 128;

    /// <summary>A fault signal (the kernel's force_sig_fault) with si_addr <paramref name="address"/>.</summary>
    public static SignalInfo Fault(int signal, int code, ulong address) => new(signal, code, SignalInfoKind.Fault, Address: address);

    /// <summary>A signal sent by tkill/tgkill (si_code SI_TKILL) from <paramref name="pid"/>, <paramref name="uid"/>.</summary>
    public static SignalInfo ThreadKill(int signal, int pid, uint uid) => new(signal, SignalCode.ThreadKill, SignalInfoKind.Kill, Pid: pid, Uid: uid);

    /// <summary>A signal sent by kill (si_code SI_USER) from <paramref name="pid"/>, <paramref name="uid"/>.</summary>
    public static SignalInfo Kill(int signal, int pid, uint uid) => new(signal, SignalCode.User, SignalInfoKind.Kill, Pid: pid, Uid: uid);

    /// <summary>Writes the 128-byte siginfo_t into <paramref name="destination"/>, zeroing unused bytes.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Size"/>.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("siginfo_t needs 128 bytes.", nameof(destination));
        destination = destination[..Size];
        destination.Clear();
        BinaryPrimitives.WriteInt32LittleEndian(destination, Signal);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], Errno);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Code);
        switch (Kind)
        {
            case SignalInfoKind.Fault:
                BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Address);
                break;
            case SignalInfoKind.Kill:
            case SignalInfoKind.Queue:
                BinaryPrimitives.WriteInt32LittleEndian(destination[16..], Pid);
                BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Uid);
                if (Kind == SignalInfoKind.Queue) BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Value);
                break;
        }
    }
}

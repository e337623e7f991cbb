using System.Runtime.InteropServices;

namespace Islet.Monitor.Kvm;

/// <summary>kvm_run.io (KVM_EXIT_IO); 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct KvmIoExit
{
    /// <summary>KVM_EXIT_IO_IN.</summary>
    public const byte In = 0;
    /// <summary>KVM_EXIT_IO_OUT.</summary>
    public const byte Out = 1;

    /// <summary><see cref="In"/> or <see cref="Out"/>.</summary>
    public byte Direction;
    /// <summary>Bytes per element: 1, 2 or 4.</summary>
    public byte Size;
    public ushort Port;
    /// <summary>Elements (more than 1 for a REP string instruction).</summary>
    public uint Count;
    /// <summary>Where the Size × Count data bytes are, relative to the start of kvm_run.</summary>
    public ulong DataOffset;
}

using System.Runtime.InteropServices;

namespace Islet.Monitor.Runtime;

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public const short In = 0x1, Invalid = 0x20;
    public int Fd;
    public short Events;
    public short Revents;
}

using System.Runtime.InteropServices;

namespace Islet.Monitor.Vm;

/// <summary>Host-side memory operations on guest RAM.</summary>
internal static partial class HostMemory
{
    private const int MADV_DONTNEED = 4;

    /// <summary>Returns the host pages to the kernel; the range reads as zero afterwards (private anonymous memory).</summary>
    public static void Discard(nint address, nuint length) => Madvise(address, length, MADV_DONTNEED);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}

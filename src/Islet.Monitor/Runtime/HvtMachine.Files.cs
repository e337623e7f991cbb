using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Islet.Monitor.Interop;

namespace Islet.Monitor.Runtime;

public sealed partial class HvtMachine
{
    private const int MaxIo = 1 << 20;
    private const int MaxIovecs = 1024;
    private const int MmsgSize = 64;
    private const int MaxBatch = 64;
    private const int MaxMessage = 65536;

    [ThreadStatic] private static byte[]? t_buffer;

    /// <summary>The host fd behind guest fd <paramref name="fd"/>: 1 and 2 are the console (writes only), 3.. the devices; -1 otherwise.</summary>
    private int HostFd(ulong fd, bool write)
    {
        if (fd is 1 or 2) return write ? (fd == 1 ? _options.StdoutFd : _options.StderrFd) : -1;
        if (fd >= 3 && fd - 3 < (ulong)_options.DeviceFds.Count) return _options.DeviceFds[(int)fd - 3];
        return -1;
    }

    private static byte[] Buffer(long size)
    {
        byte[]? b = t_buffer;
        if (b is null || b.Length < size) t_buffer = b = GC.AllocateUninitializedArray<byte>((int)Math.Max(size, 64 * 1024), pinned: true);
        return b;
    }

    private static long HostResult(long result) => result >= 0 ? result : -Marshal.GetLastPInvokeError();

    private unsafe long Read(ulong fd, ulong buffer, ulong count)
    {
        int host = HostFd(fd, write: false);
        if (host < 0) return -Errno.EBADF;
        int n = (int)Math.Min(count, MaxIo);
        Memory.Check(buffer, (ulong)n, write: true);
        byte[] b = Buffer(n);
        long got;
        // SAFETY: b is pinned and holds at least n bytes.
        fixed (byte* p = b) got = HostResult(HostLibC.Read(host, p, n));
        if (got > 0) Memory.Write(buffer, b.AsSpan(0, (int)got));
        return got;
    }

    private unsafe long Write(ulong fd, ulong buffer, ulong count)
    {
        int host = HostFd(fd, write: true);
        if (host < 0) return -Errno.EBADF;
        int n = (int)Math.Min(count, MaxIo);
        byte[] b = Buffer(n);
        Memory.Read(buffer, b.AsSpan(0, n));
        // SAFETY: b is pinned and holds n bytes.
        fixed (byte* p = b) return HostResult(HostLibC.Write(host, p, n));
    }

    private unsafe long Pread(ulong fd, ulong buffer, ulong count, long offset)
    {
        int host = HostFd(fd, write: false);
        if (host < 0 || fd < 3) return -Errno.EBADF;
        int n = (int)Math.Min(count, MaxIo);
        Memory.Check(buffer, (ulong)n, write: true);
        byte[] b = Buffer(n);
        long got;
        // SAFETY: b is pinned and holds at least n bytes.
        fixed (byte* p = b) got = HostResult(HostLibC.Pread(host, p, n, offset));
        if (got > 0) Memory.Write(buffer, b.AsSpan(0, (int)got));
        return got;
    }

    private unsafe long Pwrite(ulong fd, ulong buffer, ulong count, long offset)
    {
        int host = HostFd(fd, write: true);
        if (host < 0 || fd < 3) return -Errno.EBADF;
        int n = (int)Math.Min(count, MaxIo);
        byte[] b = Buffer(n);
        Memory.Read(buffer, b.AsSpan(0, n));
        // SAFETY: b is pinned and holds n bytes.
        fixed (byte* p = b) return HostResult(HostLibC.Pwrite(host, p, n, offset));
    }

    /// <summary>fdatasync on a device: the host file's data reaches stable storage before the guest goes on.</summary>
    private static long Fdatasync(int host) => HostResult(HostLibC.Fdatasync(host));

    private long Fdatasync(ulong fd)
    {
        int host = HostFd(fd, write: true);
        return host < 0 || fd < 3 ? -Errno.EBADF : Fdatasync(host);
    }

    // Reads an iovec array: (base, length) pairs. Null when the count is invalid.
    private (ulong Base, ulong Length)[]? ReadIovecs(ulong address, ulong count, out long total)
    {
        total = 0;
        if (count > MaxIovecs) return null;
        var vectors = new (ulong, ulong)[count];
        Span<byte> raw = stackalloc byte[16];
        for (ulong i = 0; i < count; i++)
        {
            Memory.Read(address + i * 16, raw);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(raw[8..]);
            if (length > MaxIo) return null;
            vectors[i] = (BinaryPrimitives.ReadUInt64LittleEndian(raw), length);
            total += (long)length;
            if (total > MaxIo) return null;
        }
        return vectors;
    }

    private void Gather((ulong Base, ulong Length)[] vectors, Span<byte> into)
    {
        int at = 0;
        foreach (var (b, l) in vectors)
        {
            int n = (int)Math.Min(l, (ulong)(into.Length - at));
            Memory.Read(b, into.Slice(at, n));
            at += n;
        }
    }

    private void Scatter((ulong Base, ulong Length)[] vectors, ReadOnlySpan<byte> from)
    {
        int at = 0;
        foreach (var (b, l) in vectors)
        {
            if (at >= from.Length) break;
            int n = (int)Math.Min(l, (ulong)(from.Length - at));
            Memory.Write(b, from.Slice(at, n));
            at += n;
        }
    }

    private void CheckVectors((ulong Base, ulong Length)[] vectors, bool write)
    {
        foreach (var (b, l) in vectors) Memory.Check(b, l, write);
    }

    private unsafe long ReadV(ulong fd, ulong iov, ulong count)
    {
        int host = HostFd(fd, write: false);
        if (host < 0) return -Errno.EBADF;
        var vectors = ReadIovecs(iov, count, out long total);
        if (vectors is null) return -Errno.EINVAL;
        CheckVectors(vectors, write: true);
        byte[] b = Buffer(total);
        long got;
        // SAFETY: b is pinned and holds at least total bytes.
        fixed (byte* p = b) got = HostResult(HostLibC.Read(host, p, (nint)total));
        if (got > 0) Scatter(vectors, b.AsSpan(0, (int)got));
        return got;
    }

    private unsafe long WriteV(ulong fd, ulong iov, ulong count)
    {
        int host = HostFd(fd, write: true);
        if (host < 0) return -Errno.EBADF;
        var vectors = ReadIovecs(iov, count, out long total);
        if (vectors is null) return -Errno.EINVAL;
        byte[] b = Buffer(total);
        Gather(vectors, b.AsSpan(0, (int)total));
        // SAFETY: b is pinned and holds total bytes.
        fixed (byte* p = b) return HostResult(HostLibC.Write(host, p, (nint)total));
    }

    private unsafe long SendTo(ulong fd, ulong buffer, ulong length, int flags)
    {
        int host = HostFd(fd, write: true);
        if (host < 0 || fd < 3) return -Errno.EBADF;
        int n = (int)Math.Min(length, MaxIo);
        byte[] b = Buffer(n);
        Memory.Read(buffer, b.AsSpan(0, n));
        // SAFETY: b is pinned and holds n bytes.
        fixed (byte* p = b) return HostResult(HostLibC.Send(host, p, n, flags));
    }

    private unsafe long RecvFrom(ulong fd, ulong buffer, ulong length, int flags, ulong address, ulong addressLength)
    {
        int host = HostFd(fd, write: false);
        if (host < 0 || fd < 3) return -Errno.EBADF;
        int n = (int)Math.Min(length, MaxIo);
        Memory.Check(buffer, (ulong)n, write: true);
        byte[] b = Buffer(n);
        long got;
        // SAFETY: b is pinned and holds at least n bytes.
        fixed (byte* p = b) got = HostResult(HostLibC.Recv(host, p, n, flags));
        if (got > 0) Memory.Write(buffer, b.AsSpan(0, (int)got));
        if (got >= 0 && address != 0 && addressLength != 0) Memory.WriteUInt32(addressLength, 0);
        return got;
    }

    /// <summary>
    /// recvmmsg: one host recvmmsg for the whole batch (the point of batching: one exit for up to
    /// 64 frames). Each message lands in a bounce buffer, then is scattered into the guest's iovecs;
    /// msg_len and msg_flags are written back.
    /// </summary>
    private unsafe long RecvMmsg(ulong fd, ulong vector, ulong count, int flags, ulong timeout)
    {
        int host = HostFd(fd, write: false);
        if (host < 0 || fd < 3) return -Errno.EBADF;
        if (timeout != 0) return -Errno.EINVAL;
        int n = (int)Math.Min(count, MaxBatch);
        if (n == 0) return 0;
        var (messages, sizes, total) = ReadBatch(vector, n, write: true);
        byte[] b = Buffer(total);
        byte* headers = stackalloc byte[MmsgSize * MaxBatch];
        byte* iovecs = stackalloc byte[16 * MaxBatch];
        new Span<byte>(headers, MmsgSize * n).Clear();
        int got;
        fixed (byte* data = b)
        {
            // SAFETY: the headers and iovecs are on the stack for n messages; b stays pinned for the call.
            LinkBatch(headers, iovecs, data, sizes);
            got = HostLibC.RecvMmsg(host, headers, (uint)n, flags, null);
        }
        if (got < 0) return -Marshal.GetLastPInvokeError();
        long at = 0;
        for (int i = 0; i < got; i++)
        {
            uint length = *(uint*)(headers + i * MmsgSize + 56);
            Scatter(messages[i], b.AsSpan((int)at, (int)Math.Min(length, (uint)sizes[i])));
            ulong header = vector + (ulong)(i * MmsgSize);
            Memory.WriteUInt32(header + 48, *(uint*)(headers + i * MmsgSize + 48));
            Memory.WriteUInt32(header + 56, length);
            at += sizes[i];
        }
        return got;
    }

    /// <summary>
    /// Reads the guest's mmsghdr array: each message's iovecs (checked writable when the host will
    /// write into them), its size capped at <see cref="MaxMessage"/>, and the sum of the sizes.
    /// </summary>
    private ((ulong Base, ulong Length)[][] Messages, int[] Sizes, long Total) ReadBatch(ulong vector, int n, bool write)
    {
        var messages = new (ulong Base, ulong Length)[n][];
        var sizes = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            ulong header = vector + (ulong)(i * MmsgSize);
            ulong iov = Memory.ReadUInt64(header + 16);
            ulong iovCount = Memory.ReadUInt64(header + 24);
            messages[i] = ReadIovecs(iov, iovCount, out long size) ?? throw new Loader.GuestMemoryFaultException(iov, 0);
            if (write) CheckVectors(messages[i], write: true);
            sizes[i] = (int)Math.Min(size, MaxMessage);
            total += sizes[i];
        }
        return (messages, sizes, total);
    }

    /// <summary>
    /// Points host mmsghdr i (zeroed) at host iovec i, and that at message i's bytes in
    /// <paramref name="data"/>, the messages laid out back to back with <paramref name="sizes"/>.
    /// </summary>
    private static unsafe void LinkBatch(byte* headers, byte* iovecs, byte* data, int[] sizes)
    {
        // SAFETY: the caller gives stack arrays for sizes.Length headers and iovecs, and a pinned
        // buffer holding the sum of sizes.
        long offset = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            *(byte**)(iovecs + i * 16) = data + offset;
            *(long*)(iovecs + i * 16 + 8) = sizes[i];
            *(byte**)(headers + i * MmsgSize + 16) = iovecs + i * 16;
            *(long*)(headers + i * MmsgSize + 24) = 1;
            offset += sizes[i];
        }
    }

    /// <summary>sendmmsg: gathers every message into a bounce buffer and sends the batch with one host sendmmsg.</summary>
    private unsafe long SendMmsg(ulong fd, ulong vector, ulong count, int flags)
    {
        int host = HostFd(fd, write: true);
        if (host < 0 || fd < 3) return -Errno.EBADF;
        int n = (int)Math.Min(count, MaxBatch);
        if (n == 0) return 0;
        var (messages, sizes, total) = ReadBatch(vector, n, write: false);
        byte[] b = Buffer(total);
        long offset = 0;
        for (int i = 0; i < n; i++)
        {
            Gather(messages[i], b.AsSpan((int)offset, sizes[i]));
            offset += sizes[i];
        }
        byte* headers = stackalloc byte[MmsgSize * MaxBatch];
        byte* iovecs = stackalloc byte[16 * MaxBatch];
        new Span<byte>(headers, MmsgSize * n).Clear();
        int sent;
        fixed (byte* data = b)
        {
            // SAFETY: the headers and iovecs are on the stack for n messages; b stays pinned for the call.
            LinkBatch(headers, iovecs, data, sizes);
            sent = HostLibC.SendMmsg(host, headers, (uint)n, flags);
        }
        if (sent < 0) return -Marshal.GetLastPInvokeError();
        for (int i = 0; i < sent; i++) Memory.WriteUInt32(vector + (ulong)(i * MmsgSize) + 56, *(uint*)(headers + i * MmsgSize + 56));
        return sent;
    }

    private unsafe long Fstat(int fd, ulong statbuf)
    {
        int host = HostFd((ulong)fd, write: true);
        if (host < 0) return -Errno.EBADF;
        byte* stat = stackalloc byte[144];
        // SAFETY: the raw fstat (syscall 5) writes a 144-byte struct stat into the stack buffer.
        long r = HostLibC.Syscall(5, host, (long)stat, 0);
        if (r < 0) return -Marshal.GetLastPInvokeError();
        Memory.Write(statbuf, new ReadOnlySpan<byte>(stat, 144));
        return 0;
    }

    private long Fcntl(ulong fd, int command, ulong argument)
    {
        const int F_GETFD = 1, F_GETFL = 3, F_SETFL = 4;
        int host = HostFd(fd, write: true);
        if (host < 0) return -Errno.EBADF;
        return command switch
        {
            F_GETFD => 0,
            F_GETFL => HostResult(HostLibC.Fcntl(host, F_GETFL, 0)),
            // The console's flags belong to the host: accept and ignore.
            F_SETFL => fd < 3 ? 0 : HostResult(HostLibC.Fcntl(host, F_SETFL, (long)argument)),
            _ => -Errno.EINVAL,
        };
    }
}

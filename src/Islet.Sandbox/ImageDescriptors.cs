using System.Runtime.InteropServices;
using Islet.Platform.Unix.Links;
using Islet.Sandbox.Interop;

namespace Islet.Sandbox;

/// <summary>
/// The descriptors the launcher opens for an image's declared devices, before the exec
/// stub moves them to fd 3, 4, ...: the image's end of each network link (inheritable,
/// non-blocking) and block files (inheritable). For user networking it also holds the
/// launcher's own end of the link (close-on-exec). Disposing closes what the launcher still holds.
/// </summary>
public sealed unsafe class ImageDescriptors : IDisposable
{
    private const int LinkBufferBytes = 1 << 20;
    private readonly List<int> _imageFds = [];
    private bool _imageFdsClosed;

    private ImageDescriptors()
    {
    }

    /// <summary>The image's descriptors in device order.</summary>
    public IReadOnlyList<int> ImageFds => _imageFds;

    /// <summary>The launcher's end of the user-networking link, or -1.</summary>
    public int RouterFd { get; private set; } = -1;

    /// <summary>Opens a descriptor for every declared device, or throws <see cref="SptLaunchException"/> naming what is missing.</summary>
    public static ImageDescriptors Open(SptOptions options)
    {
        var result = new ImageDescriptors();
        try
        {
            bool networkAttached = false;
            foreach (var device in options.Devices)
            {
                if (device.Kind == DeviceKind.Network)
                {
                    if (networkAttached) throw new SptLaunchException($"the image declares a second network device '{device.Name}'; spt attaches one network");
                    result._imageFds.Add(result.OpenNetwork(options.Network));
                    networkAttached = true;
                }
                else
                {
                    if (!options.BlockFiles.TryGetValue(device.Name, out string? file))
                    {
                        throw new SptLaunchException($"the image declares block device '{device.Name}'; attach a file with --block {device.Name}=FILE");
                    }
                    result._imageFds.Add(OpenBlock(device.Name, file));
                }
            }
            foreach (string name in options.BlockFiles.Keys)
            {
                if (!options.Devices.Any(d => d.Kind == DeviceKind.Block && d.Name == name))
                {
                    throw new SptLaunchException($"--block {name}=...: the image declares no block device '{name}'");
                }
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Closes the launcher's copies of the image's descriptors once the stub has inherited them.</summary>
    public void CloseImageFds()
    {
        if (_imageFdsClosed) return;
        _imageFdsClosed = true;
        foreach (int fd in _imageFds) SandboxLibC.close(fd);
    }

    /// <summary>Hands the router's descriptor to its new owner (the frame device closes it).</summary>
    public int TakeRouterFd()
    {
        int fd = RouterFd;
        RouterFd = -1;
        return fd;
    }

    private int OpenNetwork(string network)
    {
        if (network == "user")
        {
            int* pair = stackalloc int[2];
            // SAFETY: socketpair writes two ints into the stack buffer.
            if (SandboxLibC.socketpair(SandboxLibC.AF_UNIX, SandboxLibC.SOCK_SEQPACKET, 0, pair) != 0)
            {
                throw new SptLaunchException($"socketpair(AF_UNIX, SOCK_SEQPACKET) failed: errno {Marshal.GetLastPInvokeError()}");
            }
            RouterFd = pair[0];
            SetFlags(pair[0], nonBlocking: true, closeOnExec: true);
            SetFlags(pair[1], nonBlocking: true, closeOnExec: false);
            foreach (int fd in (ReadOnlySpan<int>)[pair[0], pair[1]])
            {
                int size = LinkBufferBytes;
                // SAFETY: setsockopt reads one int.
                SandboxLibC.setsockopt(fd, SandboxLibC.SOL_SOCKET, SandboxLibC.SO_SNDBUF, &size, sizeof(int));
                SandboxLibC.setsockopt(fd, SandboxLibC.SOL_SOCKET, SandboxLibC.SO_RCVBUF, &size, sizeof(int));
            }
            return pair[1];
        }
        if (network.StartsWith("tap:", StringComparison.Ordinal) && network.Length > 4)
        {
            return OpenTap(network[4..]);
        }
        throw new SptLaunchException($"--net must be 'user' or 'tap:NAME' (got '{network}')");
    }

    private static int OpenTap(string name)
    {
        try
        {
            return TapNetDevice.OpenDescriptor(name, closeOnExec: false);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            throw new SptLaunchException(e.Message);
        }
    }

    private static int OpenBlock(string name, string file)
    {
        int fd = SandboxLibC.open(file, SandboxLibC.O_RDWR);
        if (fd < 0) throw new SptLaunchException($"block device '{name}': cannot open {file}: errno {Marshal.GetLastPInvokeError()}");
        long length = new FileInfo(file).Length;
        if (length % 512 != 0)
        {
            SandboxLibC.close(fd);
            throw new SptLaunchException($"block device '{name}': {file} is {length} bytes, not a whole number of 512-byte sectors");
        }
        return fd;
    }

    private static void SetFlags(int fd, bool nonBlocking, bool closeOnExec)
    {
        int flags = SandboxLibC.fcntl(fd, SandboxLibC.F_GETFL, 0);
        SandboxLibC.fcntl(fd, SandboxLibC.F_SETFL, nonBlocking ? flags | SandboxLibC.O_NONBLOCK : flags & ~SandboxLibC.O_NONBLOCK);
        SandboxLibC.fcntl(fd, SandboxLibC.F_SETFD, closeOnExec ? SandboxLibC.FD_CLOEXEC : 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CloseImageFds();
        if (RouterFd >= 0) SandboxLibC.close(RouterFd);
        RouterFd = -1;
    }
}

using System.Runtime.InteropServices;
using Islet.Devices;
using Islet.Events;
using Islet.Net.Interface;
using Islet.Net.Stack;
using Islet.Platform.Sealed.Interop;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Links;

namespace Islet.Platform.Sealed;

/// <summary>
/// The binding of sealed images (<c>spt</c>, <c>hvt</c>): the declared devices are file
/// descriptors the launcher opened, from fd 3 in declaration order; the network is Islet's
/// own stack on the first network device (a frame link to the launcher's router, or a TAP
/// fd); the loop waits with <c>ppoll</c>; the console is fds 1 and 2; entropy comes from
/// <c>getrandom</c>. Every system call this makes is in the Islet ABI table.
/// </summary>
/// <remarks>
/// Addressing: DHCP from the launcher's router unless <c>--islet-ip ADDRESS/PREFIX</c>
/// (with <c>--islet-gateway</c>) is given. The image refuses to start (exit 2) when a
/// declared device is not attached, naming the device and its fd.
/// </remarks>
public sealed class SealedBinding : IUnikernelBinding
{
    /// <summary>The first device descriptor; 0, 1 and 2 are the console's.</summary>
    public const int FirstDeviceFd = 3;

    /// <inheritdoc />
    public string Target => "spt";

    /// <inheritdoc />
    public void ReportError(string line) => new SealedConsole(error: true).WriteLine(line);

    /// <inheritdoc />
    public int Run(UnikernelArguments arguments, IReadOnlyList<KeyValuePair<string, IKeyValueStore>> bakedContent, Func<UnikernelContext, Task> main)
    {
        var console = new SealedConsole();
        var errors = new SealedConsole(error: true);
        var devices = Unikernel.Devices;
        if (CheckDevices(devices) is { } missing)
        {
            errors.WriteLine($"islet: {missing}");
            return 2;
        }
        if (arguments.ContentDirectories.Count > 0)
        {
            errors.WriteLine("islet: a sealed image has no filesystem: --islet-content is for the unix target; bake the folder in with <IsletContent>");
            return 2;
        }
        var entropy = new UnixEntropy();
        var config = InterfaceConfig.Dhcp(NextUInt32(entropy));
        if (arguments.Ip is { } ip && !InterfaceConfig.TryParse(ip, arguments.Gateway, NextUInt32(entropy), out config, out string error))
        {
            errors.WriteLine($"islet: {error}");
            return 2;
        }
        EventLoop? loopRef = null;
        using var loop = new EventLoop(new EventLoopOptions { Poller = new PpollPoller(() => loopRef?.RequestShutdown()) });
        loopRef = loop;
        int netIndex = IndexOf(devices, DeviceKind.Network);
        if (netIndex < 0)
        {
            errors.WriteLine("islet: this image declares no network device; sealed images need one (IsletDevice Kind=\"network\")");
            return 2;
        }
        var blocks = new List<KeyValuePair<string, IBlockDevice>>();
        for (int i = 0; i < devices.Count; i++)
        {
            if (devices[i].Kind == DeviceKind.Block) blocks.Add(new(devices[i].Name, new SealedBlockDevice(FirstDeviceFd + i)));
        }
        using var link = new FrameLinkNetDevice(loop, FirstDeviceFd + netIndex, MacAddress.RandomLocal(entropy));
        return UnikernelHost.RunLoop(loop, async () =>
        {
            var stack = new DirectStack<FrameLinkNetDevice>(loop, link, config, entropy);
            await using (stack)
            {
                await main(new UnikernelContext(loop, stack, console, entropy, [.. bakedContent], arguments.Application) { BlockDevices = blocks });
            }
        }, errors.WriteLine);
    }

    /// <summary>Null when every declared device has an open descriptor; otherwise the message naming the first missing one.</summary>
    internal static string? CheckDevices(IReadOnlyList<DeviceDeclaration> devices)
    {
        for (int i = 0; i < devices.Count; i++)
        {
            int fd = FirstDeviceFd + i;
            if (SealedLibC.fcntl(fd, SealedLibC.F_GETFD, 0) < 0 && Marshal.GetLastPInvokeError() == SealedLibC.EBADF)
            {
                return $"this image needs the {devices[i].KindName} device '{devices[i].Name}' on fd {fd}, and it is not attached; "
                    + "start sealed images with 'islet run IMAGE' (the launcher attaches every declared device)";
            }
        }
        return null;
    }

    private static int IndexOf(IReadOnlyList<DeviceDeclaration> devices, DeviceKind kind)
    {
        for (int i = 0; i < devices.Count; i++)
        {
            if (devices[i].Kind == kind) return i;
        }
        return -1;
    }

    private static uint NextUInt32(IEntropy entropy)
    {
        Span<byte> bytes = stackalloc byte[4];
        entropy.Fill(bytes);
        return BitConverter.ToUInt32(bytes);
    }
}

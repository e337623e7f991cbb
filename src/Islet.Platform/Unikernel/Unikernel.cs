using Islet.Devices;
using Islet.Net;

namespace Islet;

/// <summary>
/// The entry point of an Islet application. The application names no target: the build
/// selects a binding (unix, direct, spt, hvt) and registers it, with the content baked into
/// the image, from a generated module initializer before <c>Main</c> runs.
/// </summary>
/// <example>
/// <code>
/// return await Unikernel.RunAsync(args, async (IStack net, IKeyValueStore site, CancellationToken ct) =>
/// {
///     var server = new HttpServer(net.Tcp, 80, new StaticSiteHandler(site));
///     await server.RunAsync(ct);
/// });
/// </code>
/// </example>
public static class Unikernel
{
    private static IUnikernelBinding? s_binding;
    private static readonly Dictionary<string, IKeyValueStore> s_content = new(StringComparer.Ordinal);
    private static readonly List<string> s_contentOrder = [];
    private static readonly List<DeviceDeclaration> s_devices = [];

    /// <summary>Selects the target binding. Called by build-generated code; the last call wins.</summary>
    public static void UseBinding(IUnikernelBinding binding) => s_binding = binding;

    /// <summary>Registers a content store baked into the image under <paramref name="name"/>. Called by build-generated code.</summary>
    public static void AddContent(string name, IKeyValueStore store)
    {
        if (!s_content.ContainsKey(name)) s_contentOrder.Add(name);
        s_content[name] = store;
    }

    /// <summary>
    /// Declares a device the image needs. Called by build-generated code, in the order of the
    /// project's <c>IsletDevice</c> items; declaring a name twice keeps the first.
    /// </summary>
    public static void DeclareDevice(string name, DeviceKind kind)
    {
        if (!s_devices.Exists(d => d.Name == name)) s_devices.Add(new DeviceDeclaration(name, kind));
    }

    /// <summary>The declared devices in order (device <c>i</c> is fd <c>3 + i</c> in a sealed image).</summary>
    public static IReadOnlyList<DeviceDeclaration> Devices => s_devices;

    /// <summary>The binding in use, or null when the build registered none.</summary>
    public static IUnikernelBinding? Binding => s_binding;

    /// <summary>Runs an application that needs only the network.</summary>
    public static Task<int> RunAsync(string[] args, Func<IStack, CancellationToken, Task> main) =>
        RunAsync(args, context => main(context.Network, context.ShutdownToken));

    /// <summary>Runs an application that needs the network and its first content store.</summary>
    public static Task<int> RunAsync(string[] args, Func<IStack, IKeyValueStore, CancellationToken, Task> main) =>
        RunAsync(args, context => main(context.Network, context.FirstContent(), context.ShutdownToken));

    /// <summary>
    /// Runs the application on the event loop of the selected binding, on the calling thread,
    /// and returns its exit code (the returned task is already complete): 0 when the
    /// application finished or stopped on SIGINT/SIGTERM, 1 when it failed, 2 for bad
    /// arguments or a missing binding or device.
    /// </summary>
    public static Task<int> RunAsync(string[] args, Func<UnikernelContext, Task> main) =>
        Task.FromResult(Run(args, main));

    /// <summary>The synchronous form of <see cref="RunAsync(string[], Func{UnikernelContext, Task})"/>.</summary>
    public static int Run(string[] args, Func<UnikernelContext, Task> main)
    {
        if (s_binding is null)
        {
            // A build without Islet.targets: no binding means no console either, so fail loudly.
            throw new InvalidOperationException("islet: no target binding was selected at build time (import Islet.targets and set IsletTarget).");
        }
        if (!UnikernelArguments.TryParse(args, out var arguments, out var error))
        {
            s_binding.ReportError($"islet: {error}");
            return 2;
        }
        var content = new List<KeyValuePair<string, IKeyValueStore>>(s_contentOrder.Count);
        foreach (string name in s_contentOrder) content.Add(new(name, s_content[name]));
        return s_binding.Run(arguments, content, main);
    }
}

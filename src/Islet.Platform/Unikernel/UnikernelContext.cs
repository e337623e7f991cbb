using Islet.Devices;
using Islet.Events;
using Islet.Net;

namespace Islet;

/// <summary>Everything an application is given: its devices, the loop and the shutdown signal.</summary>
public sealed class UnikernelContext
{
    /// <summary>Creates a context (bindings and tests do this).</summary>
    public UnikernelContext(EventLoop loop, IStack network, IConsole console, IEntropy entropy,
        IReadOnlyList<KeyValuePair<string, IKeyValueStore>> content, IReadOnlyList<string> arguments)
    {
        Loop = loop;
        Network = network;
        Console = console;
        Entropy = entropy;
        Content = content;
        Arguments = arguments;
    }

    /// <summary>The event loop the application runs on.</summary>
    public EventLoop Loop { get; }

    /// <summary>The network stack.</summary>
    public IStack Network { get; }

    /// <summary>The console.</summary>
    public IConsole Console { get; }

    /// <summary>Random bytes.</summary>
    public IEntropy Entropy { get; }

    /// <summary>The content stores, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, IKeyValueStore>> Content { get; }

    /// <summary>The application's own arguments (Islet's <c>--islet-*</c> options removed).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The block devices the binding attached, by declared name.</summary>
    public IReadOnlyList<KeyValuePair<string, IBlockDevice>> BlockDevices { get; init; } = [];

    /// <summary>The block device declared as <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No block device has that name; the message lists those attached.</exception>
    public IBlockDevice GetBlockDevice(string name)
    {
        foreach (var pair in BlockDevices)
        {
            if (pair.Key == name) return pair.Value;
        }
        throw new KeyNotFoundException($"No block device named '{name}'; attached: {Names(BlockDevices)}.");
    }

    /// <summary>Cancelled when the unikernel is asked to stop (SIGINT, SIGTERM).</summary>
    public CancellationToken ShutdownToken => Loop.ShutdownToken;

    /// <summary>The content store named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No store has that name; the message lists those that exist.</exception>
    public IKeyValueStore GetContent(string name)
    {
        foreach (var pair in Content)
        {
            if (pair.Key == name) return pair.Value;
        }
        throw new KeyNotFoundException($"No content store named '{name}'; declared: {Names(Content)}.");
    }

    internal IKeyValueStore FirstContent() => Content.Count > 0
        ? Content[0].Value
        : throw new InvalidOperationException("The application asks for a content store but the project declares none (add <IsletContent Include=\"folder\" />).");

    private static string Names<T>(IReadOnlyList<KeyValuePair<string, T>> pairs)
    {
        var names = new string[pairs.Count];
        for (int i = 0; i < names.Length; i++) names[i] = pairs[i].Key;
        return string.Join(", ", names);
    }
}

using Islet.Devices;

namespace Islet;

/// <summary>
/// A target: how devices, the network stack and the event loop are provided. One binding is
/// linked into each application at build time (the plug-in point for new targets).
/// </summary>
public interface IUnikernelBinding
{
    /// <summary>The target's name as <c>islet build -t</c> spells it.</summary>
    string Target { get; }

    /// <summary>
    /// Builds the devices and the event loop, runs <paramref name="main"/> on the loop until it
    /// completes, and returns the exit code (see <see cref="Unikernel.Run"/>).
    /// </summary>
    /// <param name="arguments">The parsed command line.</param>
    /// <param name="bakedContent">Content stores registered by the build, in declaration order.</param>
    /// <param name="main">The application.</param>
    int Run(UnikernelArguments arguments, IReadOnlyList<KeyValuePair<string, IKeyValueStore>> bakedContent, Func<UnikernelContext, Task> main);

    /// <summary>
    /// Writes one line about a failure before the application runs (bad arguments) to the
    /// binding's standard error: System.Console on process targets; a sealed binding writes
    /// fd 2 itself (Console duplicates the descriptor, which a sealed image may not do, and it
    /// would link System.Console into every image).
    /// </summary>
    void ReportError(string line);
}

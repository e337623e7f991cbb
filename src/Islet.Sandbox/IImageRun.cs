namespace Islet.Sandbox;

/// <summary>A sealed image started by a launcher (a sandboxed process for spt, a virtual machine for hvt).</summary>
public interface IImageRun : IDisposable
{
    /// <summary>Completes with the image's exit status: its exit code, or 128 + the signal that ended it.</summary>
    Task<int> Exited { get; }

    /// <summary>Asks the image to stop cleanly (it gets SIGTERM).</summary>
    void Terminate();

    /// <summary>Stops the image at once.</summary>
    void Kill();

    /// <summary>What the launcher adds to its banner about how the image is confined.</summary>
    string Confinement { get; }

    /// <summary>A line explaining an exit status, or null.</summary>
    string? DescribeExit(int status);
}

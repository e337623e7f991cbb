namespace Islet.Cli;

/// <summary>The exit codes of the <c>islet</c> command (a launched image's own code is passed through).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A build or run failed, or a file could not be read or written.</summary>
    public const int Failure = 1;

    /// <summary>A bad argument, an unknown target or a missing project or image.</summary>
    public const int Usage = 2;
}

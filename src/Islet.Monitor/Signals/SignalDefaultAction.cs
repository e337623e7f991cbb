namespace Islet.Monitor.Signals;

/// <summary>A signal's default action (signal(7)), taken when its handler is SIG_DFL.</summary>
public enum SignalDefaultAction
{
    /// <summary>Terminate the process.</summary>
    Terminate,

    /// <summary>Terminate the process with a core dump (the monitor reports the crash instead).</summary>
    CoreDump,

    /// <summary>Discard the signal.</summary>
    Ignore,

    /// <summary>Stop the process; the monitor has no job control and treats it as <see cref="Ignore"/>.</summary>
    Stop,
}

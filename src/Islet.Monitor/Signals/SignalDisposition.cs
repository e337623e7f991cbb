namespace Islet.Monitor.Signals;

/// <summary>What to do with a signal that is about to be delivered, from its current action.</summary>
public enum SignalDisposition
{
    /// <summary>Run the registered handler: build a frame with <see cref="SignalFrame.Deliver"/>.</summary>
    Handle,

    /// <summary>Discard the signal (SIG_IGN, or a SIG_DFL whose default is to ignore or stop).</summary>
    Ignore,

    /// <summary>Terminate the process (SIG_DFL with a terminating or core-dumping default).</summary>
    Terminate,
}

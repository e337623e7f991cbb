namespace Islet.Monitor.Kvm;

/// <summary>
/// A KVM call failed. <see cref="Operation"/> names the call (an ioctl such as KVM_RUN, or
/// open/mmap) and <see cref="Errno"/> is the errno it set, or 0 where none applies.
/// </summary>
public sealed class KvmException : Exception
{
    /// <summary>Creates the exception; the message is given in full by the caller.</summary>
    public KvmException(KvmError error, string operation, int errno, string message)
        : base(message)
    {
        Error = error;
        Operation = operation;
        Errno = errno;
    }

    /// <summary>The kind of failure.</summary>
    public KvmError Error { get; }

    /// <summary>The call that failed, for example "KVM_CREATE_VM".</summary>
    public string Operation { get; }

    /// <summary>The errno of the failed call, or 0.</summary>
    public int Errno { get; }
}

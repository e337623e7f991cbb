using Islet.Abi.Elf;

namespace Islet.Monitor.Loader;

/// <summary>
/// <see cref="StaticPieLoader"/> refused an image. <see cref="Error"/> says why (one of a closed
/// set); the message gives the details. The only exception the loader throws for any image bytes.
/// Guest memory is not changed when this is thrown.
/// </summary>
public sealed class ElfLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/> with a message giving the details.</summary>
    public ElfLoadException(ElfLoadError error, string message) : base(message) => Error = error;

    /// <summary>Wraps a parse failure as <see cref="ElfLoadError.Malformed"/>.</summary>
    public ElfLoadException(ElfFormatException innerException)
        : base("Malformed ELF image: " + innerException.Message, innerException) => Error = ElfLoadError.Malformed;

    /// <summary>Creates a <see cref="ElfLoadError.Malformed"/> exception without details.</summary>
    public ElfLoadException() : base("Malformed ELF image.")
    {
    }

    /// <summary>Creates a <see cref="ElfLoadError.Malformed"/> exception with a message.</summary>
    public ElfLoadException(string message) : base(message)
    {
    }

    /// <summary>Creates a <see cref="ElfLoadError.Malformed"/> exception with a message and its cause.</summary>
    public ElfLoadException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Why the image was refused.</summary>
    public ElfLoadError Error { get; }
}

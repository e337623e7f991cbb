using System.Runtime.InteropServices;

namespace Islet.Platform.Unix.Content;

/// <summary>The canonical path of a file: <c>realpath(3)</c>, with every symbolic link, <c>.</c> and <c>..</c> resolved.</summary>
internal static unsafe partial class RealPath
{
    /// <summary>The canonical absolute path of <paramref name="path"/>, or null when it does not exist or cannot be resolved.</summary>
    public static string? TryResolve(string path)
    {
        var resolved = realpath(path, null);
        if (resolved is null) return null;
        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved);
        }
        finally
        {
            // SAFETY: with a null buffer argument, realpath returns a fresh malloc'd string that we
            // own; it was copied above and is freed exactly once here (NativeMemory.Free is free(3)).
            NativeMemory.Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* realpath(string path, byte* resolvedPath);
}

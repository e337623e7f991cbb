using System.Diagnostics.CodeAnalysis;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>Cold throws of <see cref="GitPackException"/>.</summary>
internal static class PackThrow
{
    [DoesNotReturn]
    public static void Error(GitPackError error, string message) => throw new GitPackException(error, message);

    [DoesNotReturn]
    public static T Error<T>(GitPackError error, string message) => throw new GitPackException(error, message);
}

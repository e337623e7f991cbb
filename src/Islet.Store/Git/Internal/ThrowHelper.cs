using System.Diagnostics.CodeAnalysis;

namespace Islet.Store.Git.Internal;

/// <summary>Cold throws for the Git object layer.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(string message) => throw new GitFormatException(message);

    [DoesNotReturn]
    public static T Format<T>(string message) => throw new GitFormatException(message);
}

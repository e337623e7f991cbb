using System.Diagnostics.CodeAnalysis;

namespace Islet.Internal.Content;

/// <summary>Cold throws for the content stores.</summary>
internal static class ContentThrowHelper
{
    [DoesNotReturn]
    public static void ThrowInvalidTable(string message) =>
        throw new ArgumentException("Invalid baked content table: " + message, "entries");
}

namespace Islet.Tests.Apps.GcStress;

/// <summary>An object whose finalizer counts itself.</summary>
internal sealed class Finalized
{
    private static int s_finalized;

    /// <summary>How many instances have been finalized.</summary>
    public static int Count => Volatile.Read(ref s_finalized);

    ~Finalized() => Interlocked.Increment(ref s_finalized);
}

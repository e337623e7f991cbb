namespace Islet.Tests.Shared;

/// <summary>A fact that runs only where /dev/kvm can be opened for reading and writing; elsewhere it is skipped with the reason.</summary>
public sealed class KvmFactAttribute : Xunit.FactAttribute
{
    public KvmFactAttribute()
    {
        if (!IsAvailable(out string reason)) Skip = reason;
    }

    /// <summary>True when KVM can be used here; otherwise why not.</summary>
    public static bool IsAvailable(out string reason)
    {
        reason = "";
        try
        {
            using var kvm = new FileStream("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"needs KVM: /dev/kvm cannot be opened ({e.Message})";
            return false;
        }
    }
}

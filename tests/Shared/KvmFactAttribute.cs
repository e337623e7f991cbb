namespace Islet.Tests.Shared;

/// <summary>A fact that runs only where /dev/kvm can be opened for reading and writing; elsewhere it is skipped with the reason.</summary>
public sealed class KvmFactAttribute : Xunit.FactAttribute
{
    public KvmFactAttribute()
    {
        if (!IsAvailable(out string reason)) Skip = reason;
    }

    /// <summary>A host tool the test needs too (e.g. strace): where it is not on PATH, the test is skipped with the package to install.</summary>
    public string? Tool
    {
        get => _tool;
        set
        {
            _tool = value;
            if (Skip is null && value is not null && ToolFactAttribute.Find(value) is null)
                Skip = $"needs {value} on PATH (apt-get install {value}; ./scripts/setup --tests installs it)";
        }
    }

    private string? _tool;

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

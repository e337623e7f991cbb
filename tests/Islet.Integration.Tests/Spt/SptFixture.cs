using System.Reflection;

namespace Islet.Integration.Tests.Spt;

/// <summary>
/// Sealed images built once per test run with <c>islet build -t spt</c>: the www, dns and gitstore examples and
/// the sandbox probe (tests/Apps/SandboxProbe, which declares a network and a block device), and
/// the GC stress application (tests/Apps/GcStress), also for the unix target.
/// The launcher is the <c>islet-spt</c> beside the built islet command.
/// </summary>
public sealed class SptFixture : IDisposable
{
    private readonly string _output;

    public SptFixture()
    {
        RepoRoot = Meta("IsletRepoRoot");
        string bin = Path.Combine(RepoRoot, "src", "Islet.Cli", "bin", Meta("IsletConfiguration"), "net9.0");
        IsletDll = Path.Combine(bin, "islet.dll");
        Launcher = Path.Combine(bin, "islet-spt");
        if (!File.Exists(Launcher)) throw new InvalidOperationException($"The spt launcher was not built: {Launcher}");
        _output = Path.Combine(Path.GetTempPath(), "islet-spt-" + Guid.NewGuid().ToString("N")[..8]);
        WwwImage = Build(Path.Combine(RepoRoot, "examples", "www"), "www");
        DnsImage = Build(Path.Combine(RepoRoot, "examples", "dns"), "dns");
        GitStoreImage = Build(Path.Combine(RepoRoot, "examples", "gitstore"), "gitstore");
        ProbeImage = Build(Path.Combine(RepoRoot, "tests", "Apps", "SandboxProbe"), "sandbox-probe");
        GcStressImage = Build(Path.Combine(RepoRoot, "tests", "Apps", "GcStress"), "gc-stress");
        GcStressUnixImage = Build(Path.Combine(RepoRoot, "tests", "Apps", "GcStress"), "gc-stress", "unix");
    }

    public string RepoRoot { get; }
    public string IsletDll { get; }
    public string Launcher { get; }

    /// <summary>The hvt launcher (the Islet monitor), beside the spt launcher.</summary>
    public string HvtLauncher => Path.Combine(Path.GetDirectoryName(Launcher)!, "islet-hvt");
    public string WwwImage { get; }
    public string DnsImage { get; }

    /// <summary>The gitstore example: git smart HTTP and a key-value API over a store on the block device <c>data</c>.</summary>
    public string GitStoreImage { get; }
    public string ProbeImage { get; }
    public string GcStressImage { get; }

    /// <summary>The same GC stress application built for the unix target, to compare outputs.</summary>
    public string GcStressUnixImage { get; }

    /// <summary>A fresh scratch file path under the fixture's directory.</summary>
    public string Scratch(string name) => Path.Combine(_output, name);

    private string Build(string project, string name, string target = "spt")
    {
        string output = Path.Combine(_output, $"{name}-{target}");
        var build = ProcessRunner.Run("dotnet", [IsletDll, "build", project, "-t", target, "-o", output], TimeSpan.FromMinutes(8));
        if (build.ExitCode != 0) throw new InvalidOperationException($"islet build -t {target} {project} failed ({build.ExitCode}):\n{build.Stdout}\n{build.Stderr}");
        return Path.Combine(output, name);
    }

    private static string Meta(string key) =>
        typeof(SptFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public void Dispose()
    {
        try { Directory.Delete(_output, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition("spt")]
public sealed class SptCollection : ICollectionFixture<SptFixture>;

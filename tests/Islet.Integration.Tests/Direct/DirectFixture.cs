using System.Diagnostics;
using System.Reflection;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Direct;

/// <summary>
/// Images built for the direct target (Islet's own TCP/IP stack) and a network namespace the
/// fixture creates with two TAP devices: islet0 (kernel 10.77.0.1/24, www at 10.77.0.2) and
/// islet1 (kernel 10.78.0.1/24, for tcp-blast at 10.78.0.2), islet2 (kernel 10.80.0.1/24, for an
/// impaired www at 10.80.0.2). www serves the example site plus 20 MB and 5 MB files from a directory. Everything is removed afterwards.
/// </summary>
public sealed class DirectFixture : IDisposable
{
    public const string KernelAddress = "10.77.0.1";
    public const string WwwAddress = "10.77.0.2";
    public const string BlastKernelAddress = "10.78.0.1";
    public const string BlastAddress = "10.78.0.2";
    public const string ImpairedKernelAddress = "10.80.0.1";
    public const string ImpairedAddress = "10.80.0.2";
    public const int BigFileLength = 20_000_000;
    public const int MidFileLength = 5_000_000;
    private readonly Process? _www;
    private readonly string _work;

    public DirectFixture()
    {
        _work = Path.Combine(Path.GetTempPath(), "islet-direct-" + Guid.NewGuid().ToString("N")[..8]);
        if (!NetworkNamespace.IsAvailable(out _)) return; // the tests are skipped with the reason
        RepoRoot = Meta("IsletRepoRoot");
        string islet = Path.Combine(RepoRoot, "src", "Islet.Cli", "bin", Meta("IsletConfiguration"), "net9.0", "islet.dll");
        WwwImage = Build(islet, Path.Combine(RepoRoot, "examples", "www"), "www");
        BlastImage = Build(islet, Path.Combine(RepoRoot, "tests", "Apps", "TcpBlast"), "tcp-blast");

        SiteDirectory = Path.Combine(_work, "site");
        CopyDirectory(Path.Combine(RepoRoot, "examples", "www", "site"), SiteDirectory);
        BigFile = new byte[BigFileLength];
        new Random(77).NextBytes(BigFile);
        File.WriteAllBytes(Path.Combine(SiteDirectory, "big.bin"), BigFile);
        MidFile = BigFile[..MidFileLength];
        File.WriteAllBytes(Path.Combine(SiteDirectory, "mid.bin"), MidFile);

        Ns = new NetworkNamespace();
        Ns.Exec("ip", "link", "set", "lo", "up");
        foreach (var (tap, kernel) in new[] { ("islet0", KernelAddress), ("islet1", BlastKernelAddress), ("islet2", ImpairedKernelAddress) })
        {
            Ns.Exec("ip", "tuntap", "add", "dev", tap, "mode", "tap");
            Ns.Exec("ip", "addr", "add", kernel + "/24", "dev", tap);
            Ns.Exec("ip", "link", "set", tap, "up");
        }
        _www = Ns.Start(WwwImage, "--islet-net", "tap:islet0", "--islet-ip", WwwAddress + "/24", "--islet-quiet",
            "--islet-content", $"site={SiteDirectory}");
        var ready = Ns.TryExec(TimeSpan.FromSeconds(40), "curl", "-s", "-o", "/dev/null", "--retry", "30", "--retry-connrefused",
            "--retry-delay", "1", "--max-time", "35", $"http://{WwwAddress}/");
        if (ready.ExitCode != 0) throw new InvalidOperationException($"www on the direct target did not answer: {ready.Stderr}");
    }

    public string RepoRoot { get; } = "";
    public string WwwImage { get; } = "";
    public string BlastImage { get; } = "";
    public string SiteDirectory { get; } = "";
    public byte[] BigFile { get; } = [];
    public byte[] MidFile { get; } = [];
    public NetworkNamespace Ns { get; } = null!;
    public string Work => _work;

    private static string Build(string islet, string project, string name)
    {
        var output = Path.Combine(Path.GetTempPath(), "islet-direct-images", name);
        var build = ProcessRunner.Run("dotnet", [islet, "build", project, "-t", "direct", "-o", output], TimeSpan.FromMinutes(8));
        if (build.ExitCode != 0) throw new InvalidOperationException($"islet build {project} -t direct failed:\n{build.Stdout}\n{build.Stderr}");
        return Path.Combine(output, name);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to));
    }

    private static string Meta(string key) =>
        typeof(DirectFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public void Dispose()
    {
        if (_www is { HasExited: false })
        {
            _www.Kill();
            _www.WaitForExit(5_000);
        }
        _www?.Dispose();
        Ns?.Dispose();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition("direct")]
public sealed class DirectCollection : ICollectionFixture<DirectFixture>;

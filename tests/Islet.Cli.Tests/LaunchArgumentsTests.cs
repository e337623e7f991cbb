using Islet.Cli;
using Islet.Cli.Targets;
using Islet;
using Islet.Sandbox;

namespace Islet.Cli.Tests;

/// <summary>The launchers' command lines (islet-spt, islet-hvt) and how islet run passes hvt's options.</summary>
public sealed class LaunchArgumentsTests
{
    private static readonly IReadOnlyList<DeviceDeclaration> NetOnly = [new("net", DeviceKind.Network)];

    [Theory]
    [InlineData("32M", 32)]
    [InlineData("32m", 32)]
    [InlineData("64MiB", 64)]
    [InlineData("1G", 1024)]
    [InlineData("2048K", 2)]
    [InlineData("6", 6)]
    public void Memory_sizes_parse_to_mebibytes(string text, int expected)
    {
        Assert.True(LaunchArguments.TryParseMemory(text, out int mib));
        Assert.Equal(expected, mib);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("512K")]
    [InlineData("-1M")]
    [InlineData("1T")]
    [InlineData("lots")]
    [InlineData("65537M")]
    public void Bad_memory_sizes_are_refused(string text) => Assert.False(LaunchArguments.TryParseMemory(text, out _));

    [Fact]
    public void Hvt_options_parse_for_the_monitor_only()
    {
        var hvt = LaunchArguments.Parse(["www", "--mem", "32M", "--cpus", "2", "--trace", "-p", "8080:80", "--", "--islet-quiet"], (_, _) => NetOnly, out string error, virtualMachine: true);
        Assert.NotNull(hvt);
        Assert.Equal((32, 2, true), (hvt.MemoryMiB, hvt.Cpus, hvt.TraceSyscalls));
        Assert.Equal(["--islet-quiet"], hvt.ImageArguments);
        Assert.Equal("", error);

        Assert.Null(LaunchArguments.Parse(["www", "--mem", "32M"], (_, _) => NetOnly, out error));
        Assert.Equal("unknown argument '--mem'", error);
        Assert.Null(LaunchArguments.Parse(["www", "--cpus", "0"], (_, _) => NetOnly, out error, virtualMachine: true));
        Assert.Equal("--cpus needs a number from 1 to 64", error);
    }

    [Fact]
    public void Islet_run_passes_mem_and_cpus_to_hvt_and_refuses_them_for_spt()
    {
        var launch = new ImageLaunch("/images/www") { Memory = "32M", Cpus = 2 };
        string launcherDirectory = AppContext.BaseDirectory;
        if (!File.Exists(Path.Combine(launcherDirectory, "islet-hvt")) || !File.Exists(Path.Combine(launcherDirectory, "islet-spt")))
            return; // the launchers are copied beside islet.dll by the build; checked by the integration tests otherwise
        var start = new HvtTarget().CreateLaunch(launch);
        Assert.Equal(["/images/www", "--verify", "--net", "user", "--mem", "32M", "--cpus", "2", "--"], start.ArgumentList);
        var error = Assert.Throws<CliException>(() => new SptTarget().CreateLaunch(launch));
        Assert.Contains("--mem and --cpus are options of the hvt target", error.Message);
    }
}

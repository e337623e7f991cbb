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
    public void Publish_takes_a_protocol_suffix_for_udp_forwards()
    {
        var spt = LaunchArguments.Parse(["dns", "-p", "5353:53/udp", "-p", "5353:53", "--publish", "0.0.0.0:8053:53/tcp"], (_, _) => NetOnly, out string error);
        Assert.NotNull(spt);
        Assert.Equal("", error);
        Assert.Equal(
            [PortMapping.Parse("127.0.0.1:5353:53/udp"), PortMapping.Parse("127.0.0.1:5353:53"), PortMapping.Parse("0.0.0.0:8053:53")],
            spt.Forwards);
        Assert.Equal([PortProtocol.Udp, PortProtocol.Tcp, PortProtocol.Tcp], spt.Forwards.Select(f => f.Protocol));

        Assert.Null(LaunchArguments.Parse(["dns", "-p", "5353:53/sctp"], (_, _) => NetOnly, out error));
        Assert.Equal("port mapping '5353:53/sctp': protocol 'sctp' is not tcp or udp", error);
        Assert.Null(LaunchArguments.Parse(["dns", "-p"], (_, _) => NetOnly, out error));
        Assert.Equal("-p needs [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]", error);
    }

    [Fact]
    public void Islet_run_passes_udp_mappings_to_the_launcher_with_their_suffix()
    {
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "islet-spt"))) return; // copied beside islet.dll by the build
        var launch = new ImageLaunch("/images/dns") { Publish = [PortMapping.Parse("5353:53/udp"), PortMapping.Parse("5353:53")] };
        var start = new SptTarget().CreateLaunch(launch);
        Assert.Equal(["/images/dns", "--verify", "-p", "127.0.0.1:5353:53/udp", "-p", "127.0.0.1:5353:53", "--net", "user", "--"], start.ArgumentList);
    }

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

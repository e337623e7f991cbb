using Islet.Cli.Targets;

namespace Islet.Cli.Tests;

public sealed class TargetRegistryTests
{
    [Fact]
    public void Default_registry_has_unix_first()
    {
        var registry = TargetRegistry.CreateDefault();
        Assert.Equal("unix", registry.All[0].Name);
        Assert.IsType<UnixTarget>(registry.Get("unix"));
        Assert.Equal(TargetRegistry.DefaultTargetName, registry.All[0].Name);
    }

    [Fact]
    public void Unknown_name_lists_every_registered_target()
    {
        var registry = TargetRegistry.CreateDefault();
        registry.Register(new FakeTarget("elastic"));
        var error = Assert.Throws<CliException>(() => registry.Get("Unix"));
        Assert.Equal("unknown target 'Unix' (known: unix, direct, spt, hvt, elastic)", error.Message);
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public void Registering_a_name_twice_is_refused()
    {
        var registry = TargetRegistry.CreateDefault();
        Assert.Throws<ArgumentException>(() => registry.Register(new FakeTarget("unix")));
    }

    [Fact]
    public void Unavailable_target_is_a_failure_with_its_reason()
    {
        var registry = new TargetRegistry();
        registry.Register(new FakeTarget("hvt", available: false));
        var error = Assert.Throws<CliException>(() => registry.GetAvailable("hvt"));
        Assert.Equal("target 'hvt' is not available here: no fake hardware", error.Message);
        Assert.Equal(ExitCodes.Failure, error.ExitCode);
    }

    [Fact]
    public void Unix_target_builds_with_native_aot_for_linux_x64()
    {
        var unix = new UnixTarget();
        Assert.Equal("linux-x64", unix.RuntimeIdentifier);
        Assert.Contains(new KeyValuePair<string, string>("PublishAot", "true"), unix.BuildProperties);
        Assert.Equal("www", unix.GetImageFileName("www"));
    }

    [Fact]
    public void A_registered_target_is_usable_from_the_command_line()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("app.csproj", "<Project><PropertyGroup><IsletTarget>fake</IsletTarget></PropertyGroup></Project>");
        var cli = new CliHarness(temp.Path);
        cli.Targets.Register(new FakeTarget("fake"));
        var result = cli.Run("info");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("target:   fake", result.Out);
        Assert.Contains(Path.Combine(temp.Path, "bin", "islet", "fake", "app.fake"), result.Out);
    }
}

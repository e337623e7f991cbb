using Islet.Cli.Images;

namespace Islet.Cli.Tests;

/// <summary>
/// <c>islet run</c> on an "image" that is a shell script: it records its arguments and exits
/// with a chosen code, so the launch is checked without a NativeAOT build.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliHarness _cli;

    public RunCommandTests() => _cli = new CliHarness(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private string WriteImage(string name, int exitCode)
    {
        string image = _temp.WriteFile(name, $"""
            #!/bin/sh
            for a in "$@"; do echo "$a"; done > "{_temp.Combine("args.txt")}"
            exit {exitCode}
            """);
        File.SetUnixFileMode(image, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return image;
    }

    private string[] RecordedArguments() => File.ReadAllLines(_temp.Combine("args.txt"));

    [Fact]
    public void Translates_options_prints_urls_and_returns_the_exit_code()
    {
        WriteImage("app", exitCode: 3);
        Directory.CreateDirectory(_temp.Combine("site"));
        var result = _cli.Run("run", "app", "-p", "8089:80", "-p", "0.0.0.0:8443:443", "--content", "site=site", "--", "--verbose", "x");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("http://127.0.0.1:8089/\nhttp://127.0.0.1:8443/\n", result.Out.ReplaceLineEndings("\n"));
        Assert.Equal(
            ["--islet-publish", "127.0.0.1:8089:80", "--islet-publish", "0.0.0.0:8443:443",
             "--islet-content", $"site={_temp.Combine("site")}", "--verbose", "x"],
            RecordedArguments());
    }

    [Fact]
    public void Image_target_comes_from_its_sidecar()
    {
        string image = _temp.WriteFile("app.fake", "exit 0");
        File.WriteAllText(_temp.Combine("args.txt"), "");
        ImageSidecar.Write(image, new ImageBuildRecord(1, "fake", "/p.csproj", "app", "linux-x64", "Release", null, null, null));
        _cli.Targets.Register(new FakeTarget("fake", available: false));

        var result = _cli.Run("run", "app.fake");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("islet: target 'fake' is not available here: no fake hardware", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Quiet_passes_islet_quiet()
    {
        WriteImage("app", exitCode: 0);
        var result = _cli.Run("run", "app", "-q");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["--islet-quiet"], RecordedArguments());
    }
}

namespace Islet.Cli.Tests;

public sealed class CommandLineErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliHarness _cli;

    public CommandLineErrorTests() => _cli = new CliHarness(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private static void AssertOneLineError(CliResult result, int exitCode, string expected)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal("islet: " + expected, line);
    }

    [Fact]
    public void Unknown_target_is_a_usage_error_naming_the_known_targets()
    {
        AssertOneLineError(_cli.Run("build", "-t", "nosuch"), 2, "unknown target 'nosuch' (known: unix, direct, spt, hvt)");
    }

    [Theory]
    [InlineData("build")]
    [InlineData("run")]
    [InlineData("info")]
    public void Unknown_target_is_reported_by_every_command_that_takes_one(string command)
    {
        AssertOneLineError(_cli.Run(command, "--target", "nosuch"), 2, "unknown target 'nosuch' (known: unix, direct, spt, hvt)");
    }

    [Theory]
    [InlineData("80")]
    [InlineData("a:b")]
    [InlineData("70000:80")]
    [InlineData("8080:0")]
    [InlineData("0:80")]
    [InlineData("not-an-ip:8080:80")]
    [InlineData("8080:80:")]
    [InlineData("5353:53/sctp")]
    public void Bad_publish_value_is_a_usage_error(string value)
    {
        var result = _cli.Run("run", "-p", value);
        AssertOneLineError(result, 2, $"bad -p '{value}': expected [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp] with ports 1-65535, for example 8080:80 or 5353:53/udp");
    }

    [Fact]
    public void Bad_content_value_is_a_usage_error()
    {
        AssertOneLineError(_cli.Run("run", "--content", "site"), 2, "bad --content 'site': expected NAME=DIR, for example site=./site");
        var missing = _cli.Run("run", "--content", "site=nowhere");
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("islet: bad --content 'site=nowhere': no such directory ", Assert.Single(missing.ErrorLines));
    }

    [Theory]
    [InlineData("build")]
    [InlineData("run")]
    [InlineData("info")]
    public void Missing_project_argument_is_a_usage_error(string command)
    {
        AssertOneLineError(_cli.Run(command, "nowhere"), 2, "no such project or image: nowhere");
    }

    [Fact]
    public void Directory_without_a_project_is_a_usage_error()
    {
        AssertOneLineError(_cli.Run("build"), 2, $"no project (*.csproj) in {_temp.Path}");
    }

    [Fact]
    public void Directory_with_two_projects_asks_for_one()
    {
        _temp.WriteFile("a.csproj", "<Project />");
        _temp.WriteFile("b.csproj", "<Project />");
        AssertOneLineError(_cli.Run("info"), 2, $"more than one project in {_temp.Path}; name one of a.csproj, b.csproj");
    }

    [Fact]
    public void Build_refuses_an_image_where_a_project_is_needed()
    {
        string image = _temp.WriteFile("app", "not really an image");
        AssertOneLineError(_cli.Run("build", image), 2, $"{image} is not a project (a directory or a .csproj file)");
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        AssertOneLineError(_cli.Run("run", "-p", "8080:80", "--bogus"), 2, "unknown option '--bogus'");
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        AssertOneLineError(_cli.Run(), 2, "no command given; try 'islet --help'");
    }

    [Fact]
    public void Application_arguments_are_only_for_run()
    {
        AssertOneLineError(_cli.Run("info", "--", "x"), 2, "'info' takes no application arguments after --");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("new", "--help")]
    [InlineData("build", "--help")]
    [InlineData("run", "-h")]
    [InlineData("info", "--help")]
    public void Help_works_for_every_command(params string[] args)
    {
        var result = _cli.Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Equal("", result.Error);
    }
}

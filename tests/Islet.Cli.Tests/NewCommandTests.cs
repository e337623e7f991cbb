using Islet.Cli.Projects;
using Islet.Cli.Scaffolding;

namespace Islet.Cli.Tests;

public sealed class NewCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _root;
    private readonly CliHarness _cli;

    public NewCommandTests()
    {
        _root = FakeIsletRoot.Create(_temp);
        _cli = new CliHarness(_temp.Path).WithVariable(IsletRootLocator.VariableName, _root);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Www_writes_project_program_and_site()
    {
        var result = _cli.Run("new", "www", "demo");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        string dir = _temp.Combine("demo");
        Assert.Equal(
            ["Program.cs", "demo.csproj", "site/index.html"],
            Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal));

        string project = File.ReadAllText(Path.Combine(dir, "demo.csproj"));
        Assert.Contains($"<Import Project=\"{_root}/build/Islet.props\" />", project);
        Assert.Contains($"<Import Project=\"{_root}/build/Islet.targets\" />", project);
        Assert.DoesNotContain("{{", project);

        string program = File.ReadAllText(Path.Combine(dir, "Program.cs"));
        Assert.Contains("new HttpServer(net.Tcp, port: 80, new StaticSiteHandler(site))", program);
        Assert.Contains("<title>demo</title>", File.ReadAllText(Path.Combine(dir, "site", "index.html")));

        var loaded = IsletProject.Load(Path.Combine(dir, "demo.csproj"));
        Assert.Equal(["site"], loaded.ContentFolders);
        Assert.Null(loaded.DeclaredTarget);
    }

    [Fact]
    public void Tcp_echo_listens_on_port_7_and_has_no_content()
    {
        var result = _cli.Run("new", "tcp-echo", "Echo.Server", "-o", "out/echo");
        Assert.Equal(0, result.ExitCode);
        string dir = _temp.Combine("out", "echo");
        Assert.True(File.Exists(Path.Combine(dir, "Echo.Server.csproj")));
        Assert.False(Directory.Exists(Path.Combine(dir, "site")));
        string program = File.ReadAllText(Path.Combine(dir, "Program.cs"));
        Assert.Contains("new IPEndPoint(IPAddress.Any, 7)", program);
        Assert.Contains("AcceptAsync(ct)", program);
        Assert.Empty(IsletProject.Load(Path.Combine(dir, "Echo.Server.csproj")).ContentFolders);
    }

    [Fact]
    public void Empty_existing_directory_is_used()
    {
        Directory.CreateDirectory(_temp.Combine("empty"));
        Assert.Equal(0, _cli.Run("new", "www", "site1", "-o", "empty").ExitCode);
    }

    [Fact]
    public void Non_empty_directory_is_refused()
    {
        _temp.WriteFile("taken/file.txt", "x");
        var result = _cli.Run("new", "www", "demo", "-o", "taken");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"islet: {_temp.Combine("taken")} already exists and is not empty", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(_temp.Combine("taken", "demo.csproj")));
    }

    [Fact]
    public void Unknown_template_is_a_usage_error()
    {
        var result = _cli.Run("new", "gopher", "demo");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("islet: unknown template 'gopher' (known: www, tcp-echo)", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Missing_islet_root_is_a_failure()
    {
        var cli = new CliHarness(_temp.Path).WithVariable(IsletRootLocator.VariableName, _temp.Combine("nowhere"));
        var result = cli.Run("new", "www", "demo");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("islet: ISLET_ROOT=", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("My_App2")]
    [InlineData("_private")]
    [InlineData("Company.Www")]
    public void Valid_names(string name) => Assert.Null(AppName.Validate(name));

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("my-app")]
    [InlineData("a b")]
    [InlineData("../evil")]
    [InlineData("a..b")]
    [InlineData("class")]
    [InlineData("Islet")]
    [InlineData("Islet.Http")]
    [InlineData("System.Net")]
    [InlineData("x\u00e9")]
    public void Invalid_names(string name) => Assert.NotNull(AppName.Validate(name));

    [Fact]
    public void Invalid_name_is_a_usage_error_and_writes_nothing()
    {
        var result = _cli.Run("new", "www", "my-app");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("islet: 'my-app' is not a valid application name", Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(_temp.Combine("my-app")));
    }
}

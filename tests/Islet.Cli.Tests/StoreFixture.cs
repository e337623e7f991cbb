namespace Islet.Cli.Tests;

/// <summary>A temp directory with an initialised store in <c>store/</c> and a harness whose author is set.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public StoreFixture()
    {
        Cli = new CliHarness(_temp.Path)
            .WithVariable("ISLET_AUTHOR_NAME", "Ann Author")
            .WithVariable("ISLET_AUTHOR_EMAIL", "ann@example.org");
        StorePath = _temp.Combine("store");
        var init = Cli.Run("store", "init", "store");
        Assert.True(init.ExitCode == 0, init.Error);
        Cli.WithVariable("ISLET_STORE", StorePath);
    }

    public CliHarness Cli { get; }

    public string StorePath { get; }

    public TempDirectory Temp => _temp;

    /// <summary>Runs the command line and asserts it succeeded; returns stdout.</summary>
    public string Ok(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == 0, $"islet {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        Assert.Equal("", result.Error);
        return result.Out;
    }

    /// <summary><c>islet store set</c>; returns the new head.</summary>
    public string Set(string path, string value, string branch = "main") =>
        Ok("store", "set", "-b", branch, path, value).Trim().Split(' ')[^1];

    public void Dispose() => _temp.Dispose();
}

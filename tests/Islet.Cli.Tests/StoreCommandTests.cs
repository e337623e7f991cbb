using System.Text;

namespace Islet.Cli.Tests;

public sealed class StoreCommandTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Set_get_rm_and_ls_round_trip_values_from_arguments_stdin_and_files()
    {
        _store.Set("a/b", "first");
        _store.Cli.Input = Encoding.UTF8.GetBytes("from stdin\n");
        _store.Ok("store", "set", "a/c", "-");
        string file = _store.Temp.WriteFile("value.txt", "from a file");
        _store.Ok("store", "set", "d", "--file", file);

        Assert.Equal("first", _store.Ok("store", "get", "a/b"));
        Assert.Equal("from stdin\n", _store.Ok("store", "get", "a/c"));
        Assert.Equal("from a file", _store.Ok("store", "get", "d"));
        Assert.Equal("a/\nd\n", _store.Ok("store", "ls"));
        Assert.Equal("b\nc\n", _store.Ok("store", "ls", "a"));
        Assert.Equal("a/b\na/c\nd\n", _store.Ok("store", "ls", "-r"));

        _store.Ok("store", "rm", "a/b");
        var gone = _store.Cli.Run("store", "get", "a/b");
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal("islet: 'a/b' holds no value on branch 'main'", Assert.Single(gone.ErrorLines));
        _store.Ok("store", "rm", "a");
        Assert.Equal("d\n", _store.Ok("store", "ls", "-r"));
        Assert.Equal(5, _store.Ok("store", "log", "--oneline").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Git_reads_the_store_fsck_log_and_show_agree()
    {
        _store.Set("config/name", "islet");
        _store.Ok("store", "set", "config/size", "42", "-m", "Size is 42");
        string binary = _store.Temp.Combine("blob.bin");
        byte[] bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(binary, bytes);
        string head = _store.Ok("store", "set", "data/blob", "--file", binary).Trim().Split(' ')[^1];

        GitProcess.Run(_store.StorePath, "fsck", "--strict");
        Assert.Equal(head + "\n", GitProcess.Run(_store.StorePath, "rev-parse", "main"));
        Assert.Equal("islet", GitProcess.Run(_store.StorePath, "show", "main:config/name"));
        Assert.Equal("42", GitProcess.Run(_store.StorePath, "show", "main:config/size"));
        Assert.Equal(GitProcess.Run(_store.StorePath, "hash-object", binary), GitProcess.Run(_store.StorePath, "rev-parse", "main:data/blob"));

        string gitLog = GitProcess.Run(_store.StorePath, "log", "--format=%h %s", "main");
        Assert.Equal(gitLog, _store.Ok("store", "log", "--oneline"));
        string gitMedium = GitProcess.Run(_store.StorePath, "log", "--format=medium", "--date=default", "main");
        Assert.Equal(gitMedium, _store.Ok("store", "log"));
        Assert.Contains("Author: Ann Author <ann@example.org>", gitMedium);
        Assert.Equal(GitProcess.Run(_store.StorePath, "log", "-n", "2", "--format=%h %s", "main"), _store.Ok("store", "log", "-n", "2", "--oneline"));
    }

    [Fact]
    public void Get_writes_binary_values_unchanged_to_raw_standard_output()
    {
        byte[] bytes = [0, 0xff, 0xfe, (byte)'\n', 0x80, 1];
        File.WriteAllBytes(_store.Temp.Combine("bin"), bytes);
        _store.Ok("store", "set", "bin", "--file", _store.Temp.Combine("bin"));
        using var raw = new MemoryStream();
        _store.Cli.RawOut = raw;
        Assert.Equal("", _store.Ok("store", "get", "bin"));
        Assert.Equal(bytes, raw.ToArray());
    }

    [Fact]
    public void A_sha256_store_is_read_by_git()
    {
        string path = _store.Temp.Combine("wide");
        Assert.Contains("(sha256)", _store.Ok("store", "init", path, "--sha256"));
        string head = _store.Ok("store", "set", "-C", path, "k", "v").Trim().Split(' ')[^1];
        Assert.Equal(64, head.Length);
        Assert.Equal("v", _store.Ok("store", "get", "-C", path, "k"));
        GitProcess.Run(path, "fsck", "--strict");
        Assert.Equal("v", GitProcess.Run(path, "show", "main:k"));
    }

    [Fact]
    public void Gc_packs_the_store_and_git_still_reads_it()
    {
        for (int i = 0; i < 5; i++)
            _store.Set($"n/{i}", i.ToString());
        Assert.StartsWith("packed ", _store.Ok("store", "gc"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_store.StorePath, "objects", "pack"), "*.pack"));
        GitProcess.Run(_store.StorePath, "fsck", "--strict");
        Assert.Equal("3", _store.Ok("store", "get", "n/3"));
    }

    [Fact]
    public void Help_lists_every_subcommand()
    {
        var help = _store.Cli.Run("store", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (string name in new[] { "init", "get", "set", "rm", "ls", "log", "branch", "merge", "revert", "reset", "gc", "watch", "clone", "pull", "push", "serve" })
            Assert.Matches($"(?m)^  {name}\\b.*  [A-Z][a-z]", help.Out);
    }
}

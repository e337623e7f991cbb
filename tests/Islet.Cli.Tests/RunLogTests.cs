using Islet.Cli.Runs;

namespace Islet.Cli.Tests;

/// <summary>The bounded run log and its reader.</summary>
public sealed class RunLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Log_rotates_once_past_its_limit_keeping_one_older_half()
    {
        string path = _temp.Combine("www.log");
        using (var log = new RunLog(path, limit: 100))
        {
            log.Append(new byte[60]);
            Assert.False(File.Exists(RunLog.RotatedPath(path)));
            log.Append("0123456789012345678901234567890123456789\n"u8);
            Assert.Equal(101, new FileInfo(RunLog.RotatedPath(path)).Length);
            Assert.Equal(0, new FileInfo(path).Length);
            log.Append(new byte[101]);
            log.Append("new\n"u8);
        }
        Assert.Equal(101, new FileInfo(RunLog.RotatedPath(path)).Length); // replaced, not kept growing
        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(2, Directory.GetFiles(_temp.Path).Length);
    }

    [Fact]
    public void A_new_log_discards_the_old_one_and_its_rotated_half()
    {
        string path = _temp.WriteFile("www.log", "old\n");
        File.WriteAllText(RunLog.RotatedPath(path), "older\n");
        using (new RunLog(path)) { }
        Assert.Equal("", File.ReadAllText(path));
        Assert.False(File.Exists(RunLog.RotatedPath(path)));
    }

    [Fact]
    public void Reader_gives_both_halves_the_tail_and_what_is_new_across_a_rotation()
    {
        string path = _temp.Combine("www.log");
        using var log = new RunLog(path, limit: 10);
        log.Append("one\ntwo\nthree\n"u8); // rotated: 14 bytes
        log.Append("four\n"u8);
        var reader = new LogReader(path);
        Assert.Equal("one\ntwo\nthree\nfour\n", reader.ReadAll(null));
        Assert.Equal("three\nfour\n", new LogReader(path).ReadAll(2));
        log.Append("five\nsix\n"u8); // 14 bytes: rotated again
        log.Append("7\n"u8);
        Assert.Equal("five\nsix\n7\n", reader.ReadNew());
        Assert.Equal("", reader.ReadNew());
    }

    [Theory]
    [InlineData("a\nb\nc\n", 2, "b\nc\n")]
    [InlineData("a\nb\nc", 1, "c")]
    [InlineData("a\nb\n", 5, "a\nb\n")]
    [InlineData("a\nb\n", 0, "")]
    [InlineData("", 3, "")]
    public void Last_lines(string text, int count, string expected) => Assert.Equal(expected, LogReader.LastLines(text, count));
}

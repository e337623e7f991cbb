using System.Globalization;
using Islet.Store;
using Islet.Store.Git;

namespace Islet.Cli.StoreCli;

/// <summary>Commits as <c>git log</c> prints them, in full (<c>commit</c>, <c>Merge:</c>, <c>Author:</c>, <c>Date:</c>, indented message) or <c>--oneline</c>.</summary>
internal static class CommitFormatter
{
    /// <summary>Writes <paramref name="commit"/> in git's medium format, followed by a blank line when <paramref name="separate"/>.</summary>
    public static void WriteMedium(TextWriter output, StoreCommit commit, bool separate)
    {
        if (separate)
            output.WriteLine();
        output.WriteLine($"commit {commit.Id}");
        if (commit.Commit.Parents.Count > 1)
            output.WriteLine("Merge: " + string.Join(' ', commit.Commit.Parents.Select(StoreSession.Short)));
        GitSignature author = commit.Commit.Author;
        output.WriteLine($"Author: {author.NameText} <{author.EmailText}>");
        output.WriteLine($"Date:   {FormatDate(author)}");
        output.WriteLine();
        foreach (string line in commit.Message.TrimEnd('\n').Split('\n'))
            output.WriteLine(line.Length == 0 ? "" : "    " + line);
    }

    /// <summary>Writes <c>ID7 SUBJECT</c>.</summary>
    public static void WriteOneLine(TextWriter output, StoreCommit commit) =>
        output.WriteLine($"{StoreSession.Short(commit.Id)} {Subject(commit)}");

    /// <summary>The first line of the message.</summary>
    public static string Subject(StoreCommit commit)
    {
        string message = commit.Message;
        int newline = message.IndexOf('\n');
        return newline < 0 ? message : message[..newline];
    }

    /// <summary>git's default date format in the signature's own zone: <c>Sun Nov 22 22:20:48 2026 +0000</c>.</summary>
    public static string FormatDate(GitSignature signature)
    {
        TimeSpan offset = ParseZone(signature.TimeZone);
        DateTimeOffset time = DateTimeOffset.FromUnixTimeSeconds(signature.Seconds).ToOffset(offset);
        return time.ToString("ddd MMM d HH:mm:ss yyyy ", CultureInfo.InvariantCulture) + signature.TimeZone;
    }

    private static TimeSpan ParseZone(string zone)
    {
        if (zone.Length != 5 || (zone[0] != '+' && zone[0] != '-')
            || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
            || hours > 14 || minutes > 59)
            return TimeSpan.Zero;
        var offset = new TimeSpan(hours, minutes, 0);
        return zone[0] == '-' ? -offset : offset;
    }
}

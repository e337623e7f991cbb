using System.Globalization;
using Islet.Store.Git;

namespace Islet.Store;

/// <summary>
/// Who made a commit, when and why (Irmin's <c>Info.t</c>, without losing Git's fields): author
/// and committer name and email, the time with its UTC offset, and the message. When
/// <see cref="Time"/> is null the store takes the time from its <see cref="StoreOptions.Time"/>.
/// </summary>
/// <param name="AuthorName">The author's name.</param>
/// <param name="AuthorEmail">The author's email.</param>
/// <param name="Message">The message; a trailing newline is added when missing, as git does.</param>
/// <param name="Time">When, with the offset written as the time zone; null: now, from the store's clock.</param>
public sealed record CommitInfo(string AuthorName, string AuthorEmail, string Message, DateTimeOffset? Time = null)
{
    /// <summary>The committer's name; null: the author's.</summary>
    public string? CommitterName { get; init; }

    /// <summary>The committer's email; null: the author's.</summary>
    public string? CommitterEmail { get; init; }

    /// <summary>The author and committer signatures at <paramref name="now"/> (used when <see cref="Time"/> is null).</summary>
    public (GitSignature Author, GitSignature Committer) Signatures(DateTimeOffset now)
    {
        DateTimeOffset time = Time ?? now;
        string zone = FormatZone(time.Offset);
        long seconds = time.ToUnixTimeSeconds();
        var author = new GitSignature(AuthorName, AuthorEmail, seconds, zone);
        var committer = new GitSignature(CommitterName ?? AuthorName, CommitterEmail ?? AuthorEmail, seconds, zone);
        return (author, committer);
    }

    /// <summary>The message as stored (ending in a newline).</summary>
    public string StoredMessage => Message.EndsWith('\n') ? Message : Message + "\n";

    /// <summary>Git's <c>+HHMM</c> / <c>-HHMM</c> for <paramref name="offset"/>.</summary>
    public static string FormatZone(TimeSpan offset)
    {
        TimeSpan magnitude = offset.Duration();
        return (offset < TimeSpan.Zero ? "-" : "+") + magnitude.Hours.ToString("00", CultureInfo.InvariantCulture) + magnitude.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }
}

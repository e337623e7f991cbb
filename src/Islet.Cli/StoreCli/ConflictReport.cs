using System.Text;
using Islet.Store;
using Islet.Store.Git;
using Islet.Store.Merge;

namespace Islet.Cli.StoreCli;

/// <summary>
/// How merge results read on the terminal: one line per outcome, and for a conflict one
/// <c>CONFLICT PATH (KIND): base ..., ours ..., theirs ...</c> line per path on standard output,
/// each side summarised as <c>absent</c> or its size, blob id and (for short text) the text itself.
/// </summary>
internal static class ConflictReport
{
    private const int PreviewLength = 40;

    /// <summary>
    /// Prints <paramref name="result"/> for a merge into <paramref name="branch"/>; returns the exit
    /// code, and on conflict throws a failure <see cref="CliException"/> after printing the paths.
    /// </summary>
    public static int Print(TextWriter output, string what, string branch, StoreMergeResult<byte[]> result, GitHashAlgorithm algorithm)
    {
        switch (result.Outcome)
        {
            case MergeOutcome.UpToDate:
                output.WriteLine($"{branch}: already up to date");
                return ExitCodes.Success;
            case MergeOutcome.FastForward:
                output.WriteLine($"{branch}: fast-forward to {result.Commit}");
                return ExitCodes.Success;
            case MergeOutcome.Merged:
                output.WriteLine($"{branch}: {what} commit {result.Commit}");
                return ExitCodes.Success;
            default:
                foreach (StoreConflict<byte[]> conflict in result.Conflicts)
                    output.WriteLine(Line(conflict, algorithm));
                output.Flush();
                throw CliException.Failure($"{what} into '{branch}' conflicts in {result.Conflicts.Count} path{(result.Conflicts.Count == 1 ? "" : "s")}; nothing was changed");
        }
    }

    /// <summary>One conflict's line.</summary>
    public static string Line(StoreConflict<byte[]> conflict, GitHashAlgorithm algorithm) =>
        $"CONFLICT {conflict.Path} ({KindName(conflict.Kind)}): base {Summary(conflict.Base, algorithm)}, ours {Summary(conflict.Ours, algorithm)}, theirs {Summary(conflict.Theirs, algorithm)}";

    /// <summary>The kebab-case name of <paramref name="kind"/>: <c>values-conflict</c>, <c>removed-and-changed</c>, ...</summary>
    public static string KindName(StoreConflictKind kind) => kind switch
    {
        StoreConflictKind.ValuesConflict => "values-conflict",
        StoreConflictKind.RemovedAndChanged => "removed-and-changed",
        StoreConflictKind.ValueAndDirectory => "value-and-directory",
        StoreConflictKind.NotAValue => "not-a-value",
        _ => kind.ToString(),
    };

    /// <summary><c>absent</c>, or <c>N bytes, blob ID7</c> followed by the quoted text when it is short printable UTF-8.</summary>
    public static string Summary(Optional<byte[]> side, GitHashAlgorithm algorithm)
    {
        if (!side.HasValue)
            return "absent";
        byte[] value = side.Value;
        string id = GitObjectId.Compute(GitObjectType.Blob, value, algorithm).ToString()[..7];
        string summary = $"{value.Length} byte{(value.Length == 1 ? "" : "s")}, blob {id}";
        return Preview(value) is string text ? $"{summary} \"{text}\"" : summary;
    }

    private static string? Preview(byte[] value)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var builder = new StringBuilder();
        foreach (char c in text.Length > PreviewLength ? text[..PreviewLength] : text)
        {
            string escaped = c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => char.IsControl(c) ? "" : c.ToString(),
            };
            if (escaped.Length == 0)
                return null;
            builder.Append(escaped);
        }
        return text.Length > PreviewLength ? builder.Append("...").ToString() : builder.ToString();
    }
}

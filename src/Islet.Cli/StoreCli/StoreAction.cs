using System.CommandLine;
using Islet.Store;
using Islet.Store.Git;
using Islet.Store.Git.Refs;
using Islet.Store.Merge;

namespace Islet.Cli.StoreCli;

/// <summary>
/// Sets a subcommand's action so that the store's own errors become one-line failures (exit 1):
/// <see cref="StoreException"/>, a missing value, damaged objects or refs, and I/O errors.
/// <see cref="CliException"/>s pass through unchanged.
/// </summary>
internal static class StoreAction
{
    /// <summary>Sets <paramref name="action"/> as <paramref name="command"/>'s action, with errors translated.</summary>
    public static void Set(Command command, Func<ParseResult, int> action) =>
        command.SetAction(result =>
        {
            try
            {
                return action(result);
            }
            catch (Exception e) when (Translate(e) is CliException translated)
            {
                throw translated;
            }
        });

    /// <summary>The one-line failure for <paramref name="e"/>, or null for exceptions that are bugs (they propagate).</summary>
    public static CliException? Translate(Exception e) => e switch
    {
        StoreException or KeyNotFoundException or GitFormatException or GitRefException or MergeFormatException
            or IOException or UnauthorizedAccessException => CliException.Failure(Sentence(e.Message)),
        _ => null,
    };

    /// <summary><paramref name="message"/>'s first line without a final full stop and with a lower-case first word.</summary>
    public static string Sentence(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        string line = (newline < 0 ? message : message[..newline]).TrimEnd().TrimEnd('.');
        return line.Length > 1 && char.IsUpper(line[0]) && char.IsLower(line[1]) ? char.ToLowerInvariant(line[0]) + line[1..] : line;
    }
}

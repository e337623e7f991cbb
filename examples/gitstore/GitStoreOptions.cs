using System.Globalization;

namespace Islet.Examples.GitStore;

/// <summary>
/// The gitstore example's own arguments (after Islet's): <c>--author "NAME &lt;EMAIL&gt;"</c>, who
/// commits the key-value API's changes (default <c>gitstore &lt;gitstore@islet.invalid&gt;</c>), and
/// <c>--max-body-mib N</c>, the largest request body, so the largest push (default 16; the image's
/// IsletMemory is sized for that).
/// </summary>
internal sealed class GitStoreOptions
{
    public const string Usage = "usage: gitstore [--author \"NAME <EMAIL>\"] [--max-body-mib N]";

    public string AuthorName { get; private set; } = "gitstore";

    public string AuthorEmail { get; private set; } = "gitstore@islet.invalid";

    public int MaxBodyMiB { get; private set; } = 16;

    /// <summary>Parses <paramref name="arguments"/>; null with <paramref name="error"/> set for anything unknown or malformed.</summary>
    public static GitStoreOptions? Parse(IReadOnlyList<string> arguments, out string? error)
    {
        var options = new GitStoreOptions();
        error = null;
        for (int i = 0; i < arguments.Count; i += 2)
        {
            string name = arguments[i];
            if (name is not ("--author" or "--max-body-mib"))
            {
                error = $"unknown argument '{name}'";
                return null;
            }
            if (i + 1 >= arguments.Count)
            {
                error = $"{name} needs a value";
                return null;
            }
            string value = arguments[i + 1];
            if (name == "--author" && !options.TrySetAuthor(value))
            {
                error = $"--author '{value}' is not NAME <EMAIL>";
                return null;
            }
            if (name == "--max-body-mib")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int mib) || mib is < 1 or > 1024)
                {
                    error = $"--max-body-mib '{value}' is not a whole number from 1 to 1024";
                    return null;
                }
                options.MaxBodyMiB = mib;
            }
        }
        return options;
    }

    /// <summary>Takes <c>NAME &lt;EMAIL&gt;</c>, as git writes an identity (no angle brackets or newlines inside either part).</summary>
    private bool TrySetAuthor(string value)
    {
        int open = value.IndexOf('<');
        if (open <= 0 || !value.EndsWith('>')) return false;
        string name = value[..open].Trim();
        string email = value[(open + 1)..^1];
        if (name.Length == 0 || email.Length == 0 || $"{name}{email}".IndexOfAny(['<', '>', '\n', '\r', '\0']) >= 0) return false;
        AuthorName = name;
        AuthorEmail = email;
        return true;
    }
}

namespace Islet.Cli.StoreCli;

/// <summary>
/// Who commits: <c>--author "Name &lt;email&gt;"</c>, else <c>ISLET_AUTHOR_NAME</c> and
/// <c>ISLET_AUTHOR_EMAIL</c>, else git's <c>GIT_AUTHOR_NAME</c> and <c>GIT_AUTHOR_EMAIL</c>
/// (each variable on its own, so the name may come from one family and the email from the other).
/// </summary>
internal static class AuthorResolver
{
    /// <summary>The name and email; a usage <see cref="CliException"/> when <paramref name="option"/> is malformed or no author is known.</summary>
    public static (string Name, string Email) Resolve(string? option, Func<string, string?> variables)
    {
        if (option is not null)
            return Parse(option) ?? throw CliException.Usage($"bad --author '{option}': expected \"Name <email>\"");
        string? name = First(variables, "ISLET_AUTHOR_NAME", "GIT_AUTHOR_NAME");
        string? email = First(variables, "ISLET_AUTHOR_EMAIL", "GIT_AUTHOR_EMAIL");
        if (name is null || email is null)
            throw CliException.Usage("no author: give --author \"Name <email>\" or set ISLET_AUTHOR_NAME and ISLET_AUTHOR_EMAIL");
        if (!IsClean(name) || !IsClean(email))
            throw CliException.Usage("the author name and email may not contain '<', '>' or line breaks");
        return (name, email);
    }

    /// <summary>Parses <c>Name &lt;email&gt;</c>: a non-empty name, one pair of angle brackets at the end; null when malformed.</summary>
    public static (string Name, string Email)? Parse(string text)
    {
        int open = text.IndexOf('<');
        int close = text.IndexOf('>');
        if (open <= 0 || close != text.Length - 1 || close < open)
            return null;
        string name = text[..open].Trim();
        string email = text[(open + 1)..close].Trim();
        if (name.Length == 0 || email.Length == 0 || !IsClean(name) || !IsClean(email))
            return null;
        return (name, email);
    }

    private static string? First(Func<string, string?> variables, string preferred, string fallback)
    {
        string? value = variables(preferred);
        if (string.IsNullOrWhiteSpace(value))
            value = variables(fallback);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static bool IsClean(string text) => text.IndexOfAny(['<', '>', '\n', '\r', '\0']) < 0;
}

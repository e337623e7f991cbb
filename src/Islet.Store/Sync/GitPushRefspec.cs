using Islet.Store.Git.Refs;

namespace Islet.Store.Sync;

/// <summary>
/// One push: the local ref <paramref name="Source"/> (null to delete) to the remote ref
/// <paramref name="Destination"/>; <paramref name="Force"/> allows a non-fast-forward for this ref.
/// </summary>
public sealed record GitPushRefspec(string? Source, string Destination, bool Force = false)
{
    /// <summary>
    /// Parses <c>[+]SRC:DST</c>, <c>[+]REF</c> (same name on both sides) or <c>:DST</c> (delete).
    /// Names must be full ref names (<c>refs/heads/main</c>).
    /// </summary>
    /// <exception cref="FormatException">Empty, or a name that is not a valid full ref name.</exception>
    public static GitPushRefspec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool force = text.StartsWith('+');
        string body = force ? text[1..] : text;
        int colon = body.IndexOf(':');
        string? source = colon < 0 ? body : body[..colon];
        string destination = colon < 0 ? body : body[(colon + 1)..];
        if (source.Length == 0)
            source = null;
        if ((source is not null && !GitRefName.IsValid(source)) || !GitRefName.IsValid(destination) || !destination.StartsWith("refs/", StringComparison.Ordinal))
            throw new FormatException($"'{text}' is not a push refspec of full ref names ([+]SRC:DST or :DST).");
        return new GitPushRefspec(source, destination, force);
    }

    /// <inheritdoc />
    public override string ToString() => $"{(Force ? "+" : "")}{Source}:{Destination}";
}

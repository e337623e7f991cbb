namespace Islet.Manifest;

/// <summary>A git repository whose sources went into the image.</summary>
/// <param name="Roles">
/// Why it is listed, in this order when both apply: <c>application</c> (it holds the
/// application's project) and <c>islet</c> (it holds the Islet build files the project imported).
/// </param>
/// <param name="Path">
/// The repository's root relative to the application's project directory, with <c>/</c>
/// separators (<c>../..</c>, or <c>.</c>): the same in every checkout of the same layout.
/// </param>
/// <param name="Commit">The full hash of <c>HEAD</c> (<c>git rev-parse HEAD</c>).</param>
/// <param name="Dirty">True when <c>git status --porcelain</c> listed anything: the image may not match <paramref name="Commit"/>.</param>
public sealed record SourceRepository(IReadOnlyList<string> Roles, string Path, string Commit, bool Dirty)
{
    /// <summary>The role of the repository holding the application's project.</summary>
    public const string ApplicationRole = "application";

    /// <summary>The role of the repository holding the Islet build files (<c>$(IsletRoot)</c>).</summary>
    public const string IsletRole = "islet";
}

namespace Islet.Store.Git.Refs;

/// <summary>A ref as listed: its full name, its value, and (from <c>packed-refs</c> only) the id its tag peels to.</summary>
/// <param name="Name">The full name, <c>refs/tags/v1</c>.</param>
/// <param name="Value">The id or symbolic target.</param>
/// <param name="Peeled">The non-tag object an annotated tag finally points at, when <c>packed-refs</c> recorded it with a <c>^</c> line; otherwise null.</param>
public sealed record GitRef(string Name, GitRefValue Value, GitObjectId? Peeled);

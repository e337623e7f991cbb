using Islet.Store.Git;

namespace Islet.Store.Sync;

/// <summary>One ref a remote advertised.</summary>
/// <param name="Name">The full name, e.g. <c>refs/heads/main</c> or <c>HEAD</c>.</param>
/// <param name="Id">The object it names on the remote.</param>
/// <param name="Peeled">For an annotated tag, the object the tag finally points to (the <c>^{}</c> line); null otherwise.</param>
public sealed record GitAdvertisedRef(string Name, GitObjectId Id, GitObjectId? Peeled);

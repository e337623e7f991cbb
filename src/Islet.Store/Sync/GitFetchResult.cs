namespace Islet.Store.Sync;

/// <summary>What a clone or fetch did.</summary>
/// <param name="Advertisement">The remote's refs and capabilities as it sent them.</param>
/// <param name="Updates">One entry per local ref the fetch would change, in ref name order.</param>
/// <param name="ReceivedPack">True when the remote sent a pack (false when everything was already here).</param>
public sealed record GitFetchResult(GitRefAdvertisement Advertisement, IReadOnlyList<GitRefUpdate> Updates, bool ReceivedPack);

using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Backends;

/// <summary>
/// Where a store keeps its refs (branches, tags, <c>HEAD</c>). Updates are compare-and-swap, so
/// two writers (tasks, or processes sharing a directory) never lose each other's commits: a
/// writer that lost the race re-reads and retries or merges.
/// </summary>
/// <remarks>Implemented by <see cref="RefStore"/> (a <c>.git</c> directory), the in-memory backend and the block-device pack log.</remarks>
public interface IRefStore
{
    /// <summary>The ref itself (not followed), or null when it does not exist.</summary>
    /// <exception cref="GitRefException">An invalid name or malformed stored value.</exception>
    GitRefValue? Read(string name);

    /// <summary>The id the ref finally names, following symbolic refs; null when it (or its target) does not exist.</summary>
    GitObjectId? Resolve(string name);

    /// <summary>Every ref whose name starts with <paramref name="prefix"/>, in ordinal name order.</summary>
    IReadOnlyList<GitRef> List(string prefix = "refs/");

    /// <summary>Sets <paramref name="name"/> to <paramref name="newId"/> when it holds <paramref name="expectedOld"/> (null: when it does not exist). Durable when it returns true.</summary>
    bool TryUpdate(string name, GitObjectId? expectedOld, GitObjectId newId);

    /// <summary>Removes <paramref name="name"/> when it holds <paramref name="expectedOld"/>.</summary>
    bool TryDelete(string name, GitObjectId expectedOld);

    /// <summary>Makes <paramref name="name"/> a symbolic ref to <paramref name="target"/>.</summary>
    void SetSymbolic(string name, string target);
}

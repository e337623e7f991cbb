using Islet.Store.Git;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>An object met by <see cref="ObjectGraph.Enumerate"/>: its content, or null when the store lacks it, and the name it was reached by ("" for commits, tags and roots).</summary>
internal readonly record struct WalkedObject(GitObjectId Id, GitObjectType Type, byte[]? Content, string Path);

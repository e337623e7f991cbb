using Islet.Store.Git;

namespace Islet.Store;

/// <summary>A child of a path: its name, whether it is a directory (a tree) or a value, and its object id.</summary>
public sealed record StoreEntry(string Name, bool IsDirectory, GitObjectId Id);

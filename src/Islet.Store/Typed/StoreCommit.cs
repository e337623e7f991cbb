using Islet.Store.Git;

namespace Islet.Store;

/// <summary>A commit of the store's history: its id and the Git commit (tree, parents in order, author, committer, message).</summary>
public sealed record StoreCommit(GitObjectId Id, GitCommit Commit)
{
    /// <summary>The message as UTF-8 text.</summary>
    public string Message => System.Text.Encoding.UTF8.GetString(Commit.Message.Span);
}

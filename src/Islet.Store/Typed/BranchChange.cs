using Islet.Store.Git;

namespace Islet.Store;

/// <summary>A branch moved: from <paramref name="OldHead"/> to <paramref name="NewHead"/> (null: the branch did not exist / was deleted).
/// Watches report the heads they observed, so several quick moves may arrive as one change.</summary>
public sealed record BranchChange(string Branch, GitObjectId? OldHead, GitObjectId? NewHead);

namespace Islet.Cli.Images;

/// <summary>A repository's checked-out commit, and whether its working tree had changes.</summary>
/// <param name="Commit">The full hash of <c>HEAD</c>.</param>
/// <param name="Dirty">True when <c>git status --porcelain</c> listed anything.</param>
public sealed record GitState(string Commit, bool Dirty);

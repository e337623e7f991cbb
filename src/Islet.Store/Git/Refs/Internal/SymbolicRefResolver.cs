namespace Islet.Store.Git.Refs.Internal;

/// <summary>Follows symbolic refs to an id, for every ref store.</summary>
internal static class SymbolicRefResolver
{
    /// <summary>The id <paramref name="name"/> finally names through <paramref name="read"/>; null when a ref on the way does not exist.</summary>
    /// <exception cref="GitRefException"><see cref="GitRefError.SymbolicRefTooDeep"/> past <see cref="RefStore.MaxSymbolicDepth"/> links.</exception>
    public static GitObjectId? Resolve(string name, Func<string, GitRefValue?> read)
    {
        string current = name;
        for (int depth = 0; depth <= RefStore.MaxSymbolicDepth; depth++)
        {
            GitRefValue? value = read(current);
            if (value is null)
                return null;
            if (!value.Value.IsSymbolic)
                return value.Value.Id;
            current = value.Value.SymbolicTarget!;
        }
        throw new GitRefException(GitRefError.SymbolicRefTooDeep, $"Ref '{name}' goes through more than {RefStore.MaxSymbolicDepth} symbolic refs (or a cycle).");
    }
}

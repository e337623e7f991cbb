using Islet.Store.Git.Refs.Internal;

namespace Islet.Store.Git.Refs;

public sealed partial class RefStore
{
    /// <summary>
    /// Atomic compare-and-swap (as <c>git update-ref NAME NEW OLD</c>): fails at once, without locking,
    /// when the ref is already not <paramref name="expectedOld"/>; otherwise, under <c>NAME.lock</c>, reads the
    /// ref itself (loose, else packed; a symbolic ref is not followed and never matches an id) and,
    /// when it is <paramref name="expectedOld"/> — or, when that is null, when the ref does not exist —
    /// writes <paramref name="newId"/> to the lock, fsyncs and renames it over the loose file.
    /// </summary>
    /// <returns>True when the ref was as expected and now holds <paramref name="newId"/>; false, with nothing changed, when it was not.</returns>
    /// <exception cref="GitRefException"><see cref="GitRefError.Locked"/> when another writer's lock (or a lock younger than <see cref="StaleLockAge"/>, or one whose flock is held) outlives <see cref="LockTimeout"/>; <see cref="GitRefError.InvalidName"/>; <see cref="GitRefError.NameConflict"/> when a new ref would sit inside or above an existing one; or malformed current contents.</exception>
    /// <exception cref="ArgumentException"><paramref name="newId"/> is not of <see cref="Algorithm"/>.</exception>
    /// <exception cref="IOException">The file system refused, e.g. a loose ref is in the way of a directory the name needs, or a directory in the way of the ref (after retrying until <see cref="LockTimeout"/> when the lock itself cannot be created). </exception>
    public bool TryUpdate(string name, GitObjectId? expectedOld, GitObjectId newId)
    {
        GitRefName.Check(name);
        if (newId.Bytes.Length != GitObjectId.LengthOf(Algorithm))
            throw new ArgumentException($"The new id is not a {Algorithm} id.", nameof(newId));
        // A lock-free look first: refs change only by rename, so this read sees a value the ref really
        // held during the call, and when that is not the expected one the swap fails as it would under
        // the lock. A writer polling a ref another process owns then never holds that process's lock.
        if (!Matches(Read(name), expectedOld))
            return false;
        using RefLockFile lockFile = RefLockFile.Acquire(PathOf(name), name, LockTimeout, StaleLockAge, GitDirectory);
        GitRefValue? current = Read(name);
        if (!Matches(current, expectedOld))
            return false;
        if (current is null)
            CheckNoNameConflict(name);
        lockFile.Commit(GitRefValue.Direct(newId).ToLooseText());
        return true;
    }

    /// <summary>
    /// Atomic compare-and-delete (as <c>git update-ref -d NAME OLD</c>): under <c>NAME.lock</c>, when the
    /// ref holds <paramref name="expectedOld"/>, removes its line from <c>packed-refs</c> (rewritten under
    /// <c>packed-refs.lock</c>) and then its loose file.
    /// </summary>
    /// <returns>True when the ref held <paramref name="expectedOld"/> and is now gone; false, with nothing changed, otherwise (including when it did not exist).</returns>
    /// <exception cref="GitRefException">As <see cref="TryUpdate"/>; a lock on <c>packed-refs</c> too.</exception>
    public bool TryDelete(string name, GitObjectId expectedOld)
    {
        GitRefName.Check(name);
        string path = PathOf(name);
        using RefLockFile lockFile = RefLockFile.Acquire(path, name, LockTimeout, StaleLockAge, GitDirectory);
        if (!Matches(Read(name), expectedOld))
            return false;
        if (ReadPacked().Find(name) is not null)
        {
            using RefLockFile packedLock = RefLockFile.Acquire(Path.Combine(GitDirectory, "packed-refs"), "packed-refs", LockTimeout, StaleLockAge, GitDirectory);
            packedLock.Commit(ReadPacked().Without(name).ToText());
        }
        File.Delete(path);
        return true;
    }

    /// <summary>
    /// Makes <paramref name="name"/> a symbolic ref to <paramref name="target"/> (as <c>git symbolic-ref
    /// HEAD refs/heads/main</c>), under <c>NAME.lock</c>, whatever it held before. The target need not exist.
    /// </summary>
    /// <exception cref="GitRefException">An invalid name or target, or <see cref="GitRefError.Locked"/>.</exception>
    public void SetSymbolic(string name, string target)
    {
        GitRefName.Check(name);
        GitRefValue value = GitRefValue.Symbolic(target);
        using RefLockFile lockFile = RefLockFile.Acquire(PathOf(name), name, LockTimeout, StaleLockAge, GitDirectory);
        lockFile.Commit(value.ToLooseText());
    }

    private void CheckNoNameConflict(string name)
    {
        for (int slash = name.IndexOf('/', "refs/".Length); slash > 0; slash = name.IndexOf('/', slash + 1))
        {
            string outer = name[..slash];
            if (Read(outer) is not null)
                throw new GitRefException(GitRefError.NameConflict, $"Cannot create '{name}': '{outer}' exists.");
        }
        string inner = name + "/";
        bool packedInside = ReadPacked().Refs.Any(r => r.Name.StartsWith(inner, StringComparison.Ordinal));
        string directory = PathOf(name);
        if (packedInside || (Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Any()))
            throw new GitRefException(GitRefError.NameConflict, $"Cannot create '{name}': refs exist under '{inner}'.");
    }

    private static bool Matches(GitRefValue? current, GitObjectId? expected) =>
        expected is null ? current is null : current is { IsSymbolic: false } value && value.Id == expected.Value;
}

using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Refs;

/// <summary>The stale-lock rule (<see cref="RefStore.StaleLockAge"/>): a lock nobody holds an flock on and older than the age is removed; others are respected.</summary>
public sealed class StaleLockRecoveryTests
{
    private static readonly GitObjectId s_one = GitObjectId.Parse("1111111111111111111111111111111111111111");
    private static readonly GitObjectId s_two = GitObjectId.Parse("2222222222222222222222222222222222222222");

    private static (RefStore Refs, string LockPath) Repository(TimeSpan staleAge)
    {
        string gitDirectory = ExternalTool.TempDirectory("islet-stale-lock-");
        var refs = new RefStore(gitDirectory, lockTimeout: TimeSpan.FromMilliseconds(50), staleLockAge: staleAge);
        Assert.True(refs.TryUpdate("refs/heads/main", null, s_one));
        return (refs, Path.Combine(gitDirectory, "refs", "heads", "main.lock"));
    }

    [Fact]
    public void A_dead_writers_old_lock_is_removed_and_the_update_proceeds()
    {
        (RefStore refs, string lockPath) = Repository(TimeSpan.FromMinutes(1));
        File.WriteAllText(lockPath, "");
        File.SetLastWriteTimeUtc(lockPath, DateTime.UtcNow.AddHours(-1));
        Assert.True(refs.TryUpdate("refs/heads/main", s_one, s_two));
        Assert.Equal(s_two, refs.Resolve("refs/heads/main"));
        Assert.False(File.Exists(lockPath));
    }

    [Fact]
    public void A_young_lock_without_an_flock_is_respected_as_a_live_git_writers()
    {
        (RefStore refs, string lockPath) = Repository(TimeSpan.FromMinutes(1));
        File.WriteAllText(lockPath, "");
        var error = Assert.Throws<GitRefException>(() => refs.TryUpdate("refs/heads/main", s_one, s_two));
        Assert.Equal(GitRefError.Locked, error.Error);
        Assert.True(File.Exists(lockPath));
        Assert.Equal(s_one, refs.Resolve("refs/heads/main"));
    }

    [Fact]
    public void An_old_lock_whose_flock_is_held_is_never_removed()
    {
        (RefStore refs, string lockPath) = Repository(TimeSpan.Zero);
        using var holder = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        File.SetLastWriteTimeUtc(lockPath, DateTime.UtcNow.AddHours(-1));
        var error = Assert.Throws<GitRefException>(() => refs.TryUpdate("refs/heads/main", s_one, s_two));
        Assert.Equal(GitRefError.Locked, error.Error);
        Assert.True(File.Exists(lockPath));
        Assert.Equal(s_one, refs.Resolve("refs/heads/main"));
    }
}

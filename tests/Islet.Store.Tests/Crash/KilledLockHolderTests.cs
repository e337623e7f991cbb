using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Crash;

/// <summary>The stale-lock rule against a real process: its flock protects the lock while it lives and is gone once SIGKILL ends it.</summary>
public sealed class KilledLockHolderTests
{
    [Fact]
    public void A_lock_is_respected_while_its_holder_lives_and_recovered_once_it_is_killed()
    {
        string gitDirectory = ExternalTool.TempDirectory("islet-killed-holder-");
        GitObjectId one = GitObjectId.Parse("1111111111111111111111111111111111111111");
        GitObjectId two = GitObjectId.Parse("2222222222222222222222222222222222222222");
        // Stale age zero: only the flock tells a live holder from a dead one here.
        var refs = new RefStore(gitDirectory, lockTimeout: TimeSpan.FromMilliseconds(100), staleLockAge: TimeSpan.Zero);
        Assert.True(refs.TryUpdate("refs/heads/main", null, one));
        string lockPath = Path.Combine(gitDirectory, "refs", "heads", "main.lock");
        using var holder = CrashWriterProcess.HoldLock(lockPath);
        try
        {
            Assert.Equal(GitRefError.Locked, Assert.Throws<GitRefException>(() => refs.TryUpdate("refs/heads/main", one, two)).Error);
            Assert.True(File.Exists(lockPath));
        }
        finally
        {
            holder.Kill();
            Assert.True(holder.WaitForExit(30_000));
        }
        Assert.True(File.Exists(lockPath));
        Assert.True(refs.TryUpdate("refs/heads/main", one, two));
        Assert.Equal(two, refs.Resolve("refs/heads/main"));
        Assert.False(File.Exists(lockPath));
    }
}

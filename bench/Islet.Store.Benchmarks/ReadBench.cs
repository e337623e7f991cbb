using Islet.Store.Git;

namespace Islet.Store.Benchmarks;

/// <summary>Object reads in the order of a list of ids (bench/store.sh draws it at random, with repeats); the bytes read are summed so no read can be skipped.</summary>
internal static class ReadBench
{
    public static string[] LoadIds(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();

    public static (long, TimeSpan?) Islet(string gitDirectory, string[] ids)
    {
        var database = new GitObjectDatabase(gitDirectory);
        GitObjectId[] parsed = ids.Select(GitObjectId.Parse).ToArray();
        long bytes = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < parsed.Length; i++)
        {
            if (!database.TryRead(parsed[i], out _, out byte[] content))
                throw new InvalidOperationException("An object listed is missing.");
            bytes += content.Length;
        }
        Console.Error.WriteLine($"islet read {bytes} bytes");
        return (parsed.Length, clock.Elapsed);
    }

    public static (long, TimeSpan?) LibGit2(string gitDirectory, string[] ids)
    {
        using var repository = new LibGit2Sharp.Repository(gitDirectory);
        LibGit2Sharp.ObjectId[] parsed = ids.Select(id => new LibGit2Sharp.ObjectId(id)).ToArray();
        long bytes = 0;
        var buffer = new byte[64 * 1024];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < parsed.Length; i++)
        {
            var blob = repository.Lookup(parsed[i]) as LibGit2Sharp.Blob
                ?? throw new InvalidOperationException("An object listed is missing.");
            using Stream stream = blob.GetContentStream();
            int read;
            while ((read = stream.Read(buffer)) > 0)
                bytes += read;
        }
        Console.Error.WriteLine($"libgit2 read {bytes} bytes");
        return (parsed.Length, clock.Elapsed);
    }
}

using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Refs;
using Islet.Store.Sync;

// Usage: Islet.Store.CloneMemory URL BARE_GIT_DIRECTORY
// Clones URL (git:// or http://) into an existing empty bare repository, as `git clone --bare` does.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Islet.Store.CloneMemory URL BARE_GIT_DIRECTORY");
    return 2;
}
// With CLONE_MEMORY_SAMPLE_MS set, a thread forces a full GC that often and the peak of what
// survives (the live managed heap) is printed at the end; a sample can miss the exact peak.
long peakLive = 0;
if (int.TryParse(Environment.GetEnvironmentVariable("CLONE_MEMORY_SAMPLE_MS"), out int sampleMs) && sampleMs > 0)
{
    new Thread(() =>
    {
        while (true)
        {
            Thread.Sleep(sampleMs);
            long live = GC.GetTotalMemory(forceFullCollection: true);
            if (live > Interlocked.Read(ref peakLive))
                Interlocked.Exchange(ref peakLive, live);
        }
    }) { IsBackground = true }.Start();
}
// With CLONE_MEMORY_RSS_MS set, a thread reads /proc/self/status that often (no collections) and
// the peaks of the anonymous and the file-backed parts of the RSS are printed at the end.
long peakAnon = 0, peakFile = 0;
if (int.TryParse(Environment.GetEnvironmentVariable("CLONE_MEMORY_RSS_MS"), out int rssMs) && rssMs > 0)
{
    new Thread(() =>
    {
        while (true)
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    peakAnon = Math.Max(peakAnon, KiB(line));
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                    peakFile = Math.Max(peakFile, KiB(line));
            }
            Thread.Sleep(rssMs);
        }
    }) { IsBackground = true }.Start();
}
using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
var client = new GitSyncClient(new UnixStack(loop));
using var target = new DirectoryBackend(args[1]);
GitFetchResult result = loop.Run(() => client.CloneAsync(GitRemoteUrl.Parse(args[0]), target).AsTask());
Console.WriteLine($"refs: {result.Updates.Count}, all created: {result.Updates.All(u => u.Status == GitRefUpdateStatus.Created)}");
if (sampleMs > 0)
    Console.WriteLine($"peak live managed heap: {Interlocked.Read(ref peakLive) / 1024} KiB");
if (rssMs > 0)
    Console.WriteLine($"peak anonymous rss: {peakAnon} KiB; peak file-backed rss: {peakFile} KiB");
return 0;

static long KiB(string statusLine) => long.Parse(statusLine.Split(':')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

/// <summary>A bare .git directory as a store backend.</summary>
internal sealed class DirectoryBackend(string directory) : IStoreBackend
{
    public IObjectStore Objects { get; } = new GitObjectDatabase(directory);
    public IRefStore Refs { get; } = new RefStore(directory);
    public void Dispose() { }
}

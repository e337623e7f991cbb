using System.Diagnostics;
using Islet.Store.Benchmarks;

// Usage:
//   reads-islet GITDIR IDS       reads the objects listed in IDS (one hex id a line), in order
//   reads-libgit2 GITDIR IDS     the same reads through LibGit2Sharp (libgit2)
//   commits-libgit2 GITDIR COUNT FILES     COUNT commits, each setting one of FILES paths to a new value
//   commits-islet GITDIR COUNT FILES       the same commits through Islet.Store's typed store
// Each prints "RESULT mode operations seconds" on success.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Islet.Store.Benchmarks MODE GITDIR ...");
    return 2;
}
var clock = Stopwatch.StartNew();
(long operations, TimeSpan? measured) = args[0] switch
{
    "reads-islet" => ReadBench.Islet(args[1], ReadBench.LoadIds(args[2])),
    "reads-libgit2" => ReadBench.LibGit2(args[1], ReadBench.LoadIds(args[2])),
    "commits-libgit2" => (CommitBench.LibGit2(args[1], int.Parse(args[2]), int.Parse(args[3])), null),
    "commits-islet" => (CommitBench.Islet(args[1], int.Parse(args[2]), int.Parse(args[3])), null),
    _ => (-1L, (TimeSpan?)null),
};
if (operations < 0)
{
    Console.Error.WriteLine($"unknown mode '{args[0]}'");
    return 2;
}
// Commits are timed whole (opening the repository is part of an import); reads time only the read loop.
Console.WriteLine($"RESULT {args[0]} {operations} {(measured ?? clock.Elapsed).TotalSeconds:F6}");
return 0;

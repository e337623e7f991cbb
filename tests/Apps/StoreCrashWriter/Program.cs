// Usage: store-crash-writer git <git-dir> <seed> <max-commits>
//        store-crash-writer block <device-file> <seed> <max-commits>
//        store-crash-writer hold-lock <lock-file>   (creates it as RefStore's writers do, with an
//                                                     flock, prints LOCKED and waits to be killed)
// Loops: a blob, a tree holding it, a commit on top of refs/heads/main, then a compare-and-swap
// of main; prints "ACK <commit>" once the update is durable. Stops after <max-commits> (a bound
// for a run nobody kills) and prints DONE.
using System.Text;
using Islet.Platform.Unix.Block;
using Islet.Store.Backends;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

string mode = args[0];
string target = args[1];
if (mode == "hold-lock")
{
    using var held = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    Console.WriteLine("LOCKED");
    Console.Out.Flush();
    Thread.Sleep(TimeSpan.FromMinutes(2));
    return 3;
}
int seed = int.Parse(args[2]);
int maxCommits = int.Parse(args[3]);
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };

IObjectStore objects;
IRefStore refs;
IDisposable? owner = null;
if (mode == "git")
{
    objects = new GitObjectDatabase(target);
    // One writer runs at a time in the test, so any lock nobody holds an flock on is a dead writer's.
    refs = new RefStore(target, staleLockAge: TimeSpan.Zero);
}
else
{
    var device = FileBlockDevice.Open(target);
    BlockDeviceBackend backend = await BlockDeviceBackend.OpenAsync(device, new BlockDeviceStoreOptions { DeferObjectWrites = true });
    objects = backend.Objects;
    refs = backend.Refs;
    owner = backend;
}

var random = new Random(seed);
var signature = new GitSignature("Crash Writer", "crash@example.org", 1_700_000_000, "+0000");
for (int i = 0; i < maxCommits; i++)
{
    GitObjectId? parent = refs.Resolve("refs/heads/main");
    byte[] text = Encoding.UTF8.GetBytes($"seed {seed} step {i} {random.NextInt64()}\n");
    GitObjectId blob = objects.Write(GitObjectType.Blob, text);
    GitObjectId tree = objects.Write(GitObjectType.Tree, new GitTree([new GitTreeEntry(GitTreeEntry.RegularFile, "data.txt", blob)]).ToBytes());
    var commit = new GitCommit(tree, parent is null ? [] : [parent.Value], signature, signature, $"step {i} of seed {seed}\n");
    GitObjectId id = objects.Write(GitObjectType.Commit, commit.ToBytes());
    if (!refs.TryUpdate("refs/heads/main", parent, id))
    {
        Console.Error.WriteLine("compare-and-swap lost: another writer?");
        return 2;
    }
    output.WriteLine($"ACK {id}");
}
output.WriteLine("DONE");
owner?.Dispose();
return 0;

// The gitstore unikernel: a versioned data store that keeps its data on the block device `data`
// (an append-only pack log with a crash-safe head; no filesystem) and serves it on port 80 two
// ways: as the Git repository /store over smart HTTP (git clone, fetch, push) and as a key-value
// API for branch main at /kv/PATH (GET, PUT, DELETE; each change one commit). A blank device is
// formatted on first start; SIGTERM stops the server and flushes the store. Nothing here names a
// target: the unix target attaches no block device, so there the store lives in memory.
using Islet;
using Islet.Devices;
using Islet.Examples.GitStore;
using Islet.Http;
using Islet.Store;
using Islet.Store.Backends;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using Islet.Store.Sync.Server;

return await Unikernel.RunAsync(args, async context =>
{
    GitStoreOptions options = GitStoreOptions.Parse(context.Arguments, out string? error)
        ?? throw new UnikernelUsageException($"{error}\n{GitStoreOptions.Usage}");
    IBlockDevice? disk = context.BlockDevices.FirstOrDefault(d => d.Key == "data").Value;
    BlockDeviceBackend? blocks = disk is null ? null : await OpenOrFormatAsync(disk, context);
    using IStoreBackend backend = blocks ?? (IStoreBackend)new MemoryBackend();
    // git clone checks out the branch HEAD names; the key-value API writes main.
    if (backend.Refs.Read("HEAD") is null)
        backend.Refs.SetSymbolic("HEAD", Store<byte[]>.RefNameOf(KeyValueHandler.Branch));

    // Nothing here watches branches, so no polling timer is wanted.
    var store = new Store<byte[]>(backend, ContentTypes.Bytes, new StoreOptions { WatchPollInterval = null });
    var registry = new GitRepositoryRegistry();
    registry.Add("store", backend);
    // A sealed image has no filesystem: pushed packs are spooled in memory, bounded by the body limit below.
    var git = new GitHttpHandler(registry, new GitServerOptions { PushSpool = GitPushSpool.Memory });
    var handler = new StoreHttpHandler(new KeyValueHandler(store, options.AuthorName, options.AuthorEmail), git);
    var server = new HttpServer(context.Network.Tcp, port: 80, handler,
        new HttpServerOptions { MaxRequestBodySize = options.MaxBodyMiB * 1024L * 1024 });

    context.Console.WriteLine(blocks is null
        ? "gitstore: this target attaches no block device, so the store is in memory and lasts until the server stops"
        : $"gitstore: store on the block device 'data' (generation {blocks.Generation}, {blocks.UsedBytes} of {blocks.CapacityBytes} bytes used, {blocks.PackCount} packs)");
    context.Console.WriteLine($"gitstore: serving git at /store and key-value at /kv/ on port 80 (branch {KeyValueHandler.Branch}: {store.Head(KeyValueHandler.Branch)?.ToString() ?? "no commits yet"})");

    await server.RunAsync(context.ShutdownToken);
    blocks?.Flush();
    context.Console.WriteLine(blocks is null
        ? "gitstore: stopped"
        : $"gitstore: stopped; the store is flushed (generation {blocks.Generation}, {blocks.UsedBytes} bytes used)");
});

// Opens the store on the device; a blank device (its head sectors all zero) is formatted, anything
// else that is not a store is refused rather than overwritten.
static async Task<BlockDeviceBackend> OpenOrFormatAsync(IBlockDevice disk, UnikernelContext context)
{
    // Objects are batched into one pack per commit (with its ref update): one log record, not one per object.
    var options = new BlockDeviceStoreOptions { DeferObjectWrites = true, PackCacheBytes = 16L << 20 };
    try
    {
        return await BlockDeviceBackend.OpenAsync(disk, options, context.ShutdownToken);
    }
    catch (BlockStoreException e) when (e.Error == BlockStoreError.NotFormatted)
    {
        byte[] heads = new byte[2 * disk.SectorSize];
        await disk.ReadAsync(0, heads, context.ShutdownToken);
        if (heads.AsSpan().ContainsAnyExcept((byte)0))
            throw new UnikernelUsageException("the block device 'data' holds something that is not a store; refusing to format it (attach a blank file, e.g. truncate -s 64M data.img)");
        context.Console.WriteLine("gitstore: the block device 'data' is blank: formatting it as a store");
        return await BlockDeviceBackend.FormatAsync(disk, GitHashAlgorithm.Sha1, options, context.ShutdownToken);
    }
}

// The dns unikernel: an authoritative name server for the zones in the folder `zones` (one
// ORIGIN.zone file each), baked into the image at build time. With --key it accepts updates
// signed with that TSIG key (nsupdate -y) and keeps them on the block device `zones`, split
// evenly between the zones; the saved version of a zone wins over the baked one while its
// serial is newer. Nothing here names a target.
using Islet;
using Islet.Devices;
using Islet.Dns.Persistence;
using Islet.Dns.Security;
using Islet.Dns.Server;
using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using Islet.Examples.Dns;

return await Unikernel.RunAsync(args, async context =>
{
    DnsAppOptions options = DnsAppOptions.Parse(context.Arguments, out string? error)
        ?? throw new UnikernelUsageException($"{error}\n{DnsAppOptions.Usage}");
    IReadOnlyList<Zone> baked = await ZoneContent.LoadAsync(context.GetContent("zones"), context.ShutdownToken);
    var zones = new List<Zone>();
    var persistence = new Dictionary<DnsName, IZonePersistence>();
    IBlockDevice? disk = context.BlockDevices.FirstOrDefault(d => d.Key == "zones").Value;
    IReadOnlyList<BlockDeviceRange> slots = disk is null ? [] : BlockDeviceRange.Split(disk, baked.Count);
    for (int i = 0; i < baked.Count; i++)
    {
        Zone zone = baked[i];
        if (disk is not null)
        {
            var store = new BlockDeviceZonePersistence(slots[i]);
            persistence[zone.Origin] = store;
            if (await store.LoadAsync(zone.Origin, context.ShutdownToken) is { } saved && SerialIsNewer(saved, zone))
                zone = saved;
        }
        zones.Add(zone);
        context.Console.WriteLine($"dns: serving {zone.Origin} serial {Serial(zone)} ({zone.RRsetCount} RRsets, {(zone == baked[i] ? "as baked" : "as last updated")})");
    }
    context.Console.WriteLine(options.Keys.Count == 0
        ? "dns: no --key given: updates are refused"
        : $"dns: updates signed with {string.Join(", ", options.Keys.Select(k => k.Name))} are accepted; "
          + (disk is null ? "this target attaches no block device, so they last until the server stops" : "they are kept on the block device 'zones'"));

    var server = new DnsServer(context.Network, new DnsServerOptions
    {
        Keys = new TsigKeyring(options.Keys),
        Transfers = new TransferPolicy(options.AllowTransfer),
        NotifyTargets = options.Notify,
        RateLimit = options.RateLimit > 0 ? new ResponseRateLimiterOptions { Enabled = true, ResponsesPerSecond = options.RateLimit } : null,
        Persistence = persistence,
    }, zones);
    await server.RunAsync(context.ShutdownToken);
});

static uint Serial(Zone zone) => ((SoaRecordData)zone.Soa.Data).Serial;

// RFC 1982: a is newer than b when it is ahead by less than half the serial space.
static bool SerialIsNewer(Zone a, Zone b) => Serial(a) != Serial(b) && unchecked(Serial(a) - Serial(b)) < 0x8000_0000u;

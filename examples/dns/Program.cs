// The dns unikernel: an authoritative name server for the zones in the folder `zones`, baked
// into the image at build time. Nothing here names a target.
using Islet;
using Islet.Dns.Server;
using Islet.Dns.Zone;

return await Unikernel.RunAsync(args, async context =>
{
    var zones = await ZoneContent.LoadAsync(context.GetContent("zones"), context.ShutdownToken);
    var server = new DnsServer(context.Network, new DnsServerOptions(), zones);
    foreach (var zone in zones)
        context.Console.WriteLine($"dns: serving {zone.Origin} (serial {((Islet.Dns.Wire.SoaRecordData)zone.Soa.Data).Serial}, {zone.RRsetCount} RRsets) on port 53");
    await server.RunAsync(context.ShutdownToken);
});

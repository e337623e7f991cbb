// The www unikernel: the whole application. Nothing here names a target; `islet build -t`
// picks the binding, and the folder `site` is baked into the image by the build.
using Islet;
using Islet.Devices;
using Islet.Http;
using Islet.Net;

return await Unikernel.RunAsync(args, async (IStack net, IKeyValueStore site, CancellationToken ct) =>
{
    var server = new HttpServer(net.Tcp, port: 80, new StaticSiteHandler(site, cacheControl: "public, max-age=60"));
    await server.RunAsync(ct);
});

using Islet.Cli.Commands;
using Islet.Cli.Targets;

namespace Islet.Cli.Tests;

public sealed class ImageLaunchTests
{
    private static ImageLaunch Sample() => new("/images/www")
    {
        Publish = [PublishParser.ParsePort("8080:80"), PublishParser.ParsePort("0.0.0.0:8443:443"), PublishParser.ParsePort("[::1]:9000:90"), PublishParser.ParsePort("5353:53/udp")],
        ContentDirectories = [new("site", "/srv/site")],
        Quiet = true,
        ApplicationArguments = ["--app-flag", "value"],
    };

    [Fact]
    public void Publish_becomes_islet_publish_before_the_application_arguments()
    {
        Assert.Equal(
            [
                "--islet-publish", "127.0.0.1:8080:80",
                "--islet-publish", "0.0.0.0:8443:443",
                "--islet-publish", "[::1]:9000:90",
                "--islet-publish", "127.0.0.1:5353:53/udp",
                "--islet-content", "site=/srv/site",
                "--islet-quiet",
                "--app-flag", "value",
            ],
            Sample().ToUnikernelArguments());
    }

    [Fact]
    public void Unikernel_parses_what_the_launcher_writes()
    {
        var launch = Sample();
        Assert.True(UnikernelArguments.TryParse([.. launch.ToUnikernelArguments()], out var parsed, out string error), error);
        Assert.Equal(launch.Publish, parsed.Publish);
        Assert.Equal("/srv/site", parsed.ContentDirectories["site"]);
        Assert.True(parsed.Quiet);
        Assert.Equal(["--app-flag", "value"], parsed.Application);
    }

    [Fact]
    public void Network_options_for_islets_own_stack_round_trip_to_the_unikernel()
    {
        var launch = new ImageLaunch("/images/www") { Net = "tap:islet0", Ip = "10.0.0.2/24", Gateway = "10.0.0.1", Pcap = "/tmp/www.pcap", Impair = "loss=5", Stats = true };
        Assert.Equal(["--islet-net", "tap:islet0", "--islet-ip", "10.0.0.2/24", "--islet-gateway", "10.0.0.1", "--islet-pcap", "/tmp/www.pcap",
            "--islet-impair", "loss=5", "--islet-stats"], launch.ToUnikernelArguments());
        Assert.True(UnikernelArguments.TryParse([.. launch.ToUnikernelArguments()], out var parsed, out string error), error);
        Assert.Equal(("tap:islet0", "10.0.0.2/24", "10.0.0.1", "/tmp/www.pcap", "loss=5", true), (parsed.Net, parsed.Ip, parsed.Gateway, parsed.Pcap, parsed.Impair, parsed.Stats));
    }

    [Fact]
    public void Unix_target_starts_the_image_itself()
    {
        var start = new UnixTarget().CreateLaunch(Sample());
        Assert.Equal("/images/www", start.FileName);
        Assert.Equal(Sample().ToUnikernelArguments(), start.ArgumentList);
        Assert.False(start.UseShellExecute);
    }
}

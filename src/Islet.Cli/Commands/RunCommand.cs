using System.CommandLine;
using Islet.Cli.Building;
using Islet.Cli.Images;
using Islet.Cli.Internal;
using Islet.Cli.Projects;
using Islet.Cli.Runs;
using Islet.Cli.Targets;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet run [PROJECT|IMAGE] [-t TARGET] [-p [ADDRESS:]HOSTPORT:GUESTPORT ...] [--content NAME=DIR ...] [--build] [--name NAME] [-d] [-- APPARGS]</c>:
/// runs an image, building a project's image first when it is missing or older than the
/// project's sources. In the foreground it returns the image's exit code; with <c>-d</c> it
/// prints the run's name and returns while the image runs on. Either way the run is registered
/// (<see cref="RunRegistry"/>) for <c>islet ps</c>, <c>stop</c> and <c>logs</c>, and its output
/// goes to the run's log (and, in the foreground, to the console as well).
/// </summary>
public static class RunCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "run";

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var input = CommonOptions.ProjectOrImage("A project (file or directory) or a built image (default: the single *.csproj here)");
        var target = CommonOptions.Target(context.Targets);
        var publish = new Option<string[]>("--publish", "-p")
        {
            Description = "Publish a guest port on the host: [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp] (address default 127.0.0.1, protocol default tcp; repeatable)",
            HelpName = "PORTS",
            Arity = ArgumentArity.OneOrMore,
        };
        var content = new Option<string[]>("--content")
        {
            Description = "Serve directory DIR as content store NAME instead of the baked one: NAME=DIR (repeatable)",
            HelpName = "NAME=DIR",
            Arity = ArgumentArity.OneOrMore,
        };
        var net = new Option<string?>("--net")
        {
            Description = "The link for targets with Islet's own stack: tap:NAME, or user (spt's default: rootless, the launcher routes)",
            HelpName = "LINK",
        };
        var ip = new Option<string?>("--ip")
        {
            Description = "The unikernel's address for Islet's own stack: ADDRESS/PREFIX",
            HelpName = "ADDRESS/PREFIX",
        };
        var gateway = new Option<string?>("--gateway") { Description = "The default gateway for Islet's own stack", HelpName = "ADDRESS" };
        var pcap = new Option<string?>("--pcap") { Description = "Capture every frame of the link to FILE (pcap, readable by tshark)", HelpName = "FILE" };
        var impair = new Option<string?>("--impair")
        {
            Description = "Impair Islet's own link like netem: loss=P,dup=P,reorder=P,delay=MS,jitter=MS,seed=N",
            HelpName = "SETTINGS",
        };
        var stats = new Option<bool>("--stats") { Description = "Print the network counters (per layer, drops by reason) when the unikernel exits and on SIGUSR1" };
        var block = new Option<string[]>("--block")
        {
            Description = "Attach FILE as a sealed image's block device NAME: NAME=FILE (repeatable)",
            HelpName = "NAME=FILE",
            Arity = ArgumentArity.OneOrMore,
        };
        var allowOutbound = new Option<bool>("--allow-outbound") { Description = "Let a sealed image open outbound TCP connections through the launcher (refused by default)" };
        var memory = new Option<string?>("--mem") { Description = "hvt: the guest's memory, such as 32M or 1G (default: the image's IsletMemory)", HelpName = "SIZE" };
        var cpus = new Option<int?>("--cpus") { Description = "hvt: how many CPUs the guest is told it has (default 1)", HelpName = "N" };
        var build = new Option<bool>("--build") { Description = "Build the project first even if its image is up to date" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Ask the unikernel not to print its start-up banner" };
        var runName = new Option<string?>("--name")
        {
            Description = "The run's name for islet ps, stop and logs (default: the image's name, with a suffix when taken)",
            HelpName = "NAME",
        };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run in the background: print the run's name and return" };
        var verbose = CommonOptions.Verbose();
        var command = new Command(Name, "Run an Islet image (building the project first when needed); arguments after -- go to the application")
        {
            input, target, publish, content, net, ip, gateway, pcap, impair, stats, block, allowOutbound, memory, cpus, build, quiet, runName, detach, verbose,
        };
        command.SetAction(result =>
        {
            var environment = context.Environment;
            var explicitTarget = CommonOptions.ExplicitTarget(context.Targets, result.GetValue(target));
            var ports = (result.GetValue(publish) ?? []).Select(PublishParser.ParsePort).ToList();
            var directories = (result.GetValue(content) ?? []).Select(c => PublishParser.ParseContent(c, environment)).ToList();
            var (image, chosen) = PrepareImage(context, result.GetValue(input), explicitTarget, result.GetValue(build), result.GetValue(verbose));

            var launch = new ImageLaunch(image)
            {
                Publish = ports,
                ContentDirectories = directories,
                Quiet = result.GetValue(quiet),
                Net = result.GetValue(net),
                Stats = result.GetValue(stats),
                Impair = result.GetValue(impair),
                Ip = result.GetValue(ip),
                Gateway = result.GetValue(gateway),
                Pcap = result.GetValue(pcap) is { } file ? Path.GetFullPath(file) : null,
                ApplicationArguments = context.ApplicationArguments,
                BlockFiles = (result.GetValue(block) ?? []).Select(b => PublishParser.ParseBlock(b, environment)).ToList(),
                AllowOutbound = result.GetValue(allowOutbound),
                Memory = result.GetValue(memory),
                Cpus = result.GetValue(cpus),
            };
            var start = chosen.CreateLaunch(launch);
            var registry = RunRegistry.FromEnvironment(environment.GetVariable);
            registry.EnsureCreated();
            string name = registry.AllocateName(result.GetValue(runName), image);
            var record = new RunRecord(name, 0, 0, chosen.Name, environment.FullPath(image),
                ports.Select(ImageLaunch.Format).ToList(), DateTimeOffset.UtcNow, registry.LogPath(name));
            if (result.GetValue(detach))
            {
                DetachedRun.Start(start, record, environment.CurrentDirectory);
                foreach (var port in ports) environment.Error.WriteLine(PublishParser.Url(port));
                environment.Out.WriteLine(name);
                return ExitCodes.Success;
            }
            foreach (var port in ports) environment.Out.WriteLine(PublishParser.Url(port));
            environment.Out.Flush();
            return RecordedRun.Run(start, registry, record, environment.Out, environment.Error);
        });
        return command;
    }

    private static (string Image, IIsletTarget Target) PrepareImage(CommandContext context, string? argument,
        IIsletTarget? explicitTarget, bool forceBuild, bool verbose)
    {
        var environment = context.Environment;
        var found = InputLocator.Find(argument, environment);
        if (found.Project is not { } project)
        {
            string image = found.ImagePath!;
            var target = explicitTarget
                ?? context.Targets.Get(ImageSidecar.TryRead(image)?.Target ?? TargetRegistry.DefaultTargetName);
            return (image, context.Targets.GetAvailable(target.Name));
        }
        var chosen = CommonOptions.ForProject(context.Targets, explicitTarget, project);
        var request = new BuildRequest(project, chosen, project.DefaultOutputDirectory(chosen.Name), "Release");
        if (forceBuild || SourceFreshness.NeedsBuild(project, request.ImagePath))
        {
            var built = new ImageBuilder(environment, verbose).Build(request);
            environment.Error.WriteLine($"islet: built {built.ImagePath} ({ByteSize.Format(built.Size)})");
        }
        return (request.ImagePath, context.Targets.GetAvailable(chosen.Name));
    }
}

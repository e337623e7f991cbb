using System.CommandLine;
using Islet.Cli.Building;
using Islet.Cli.Internal;
using Islet.Cli.Projects;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet build [PROJECT] [-t TARGET] [-o OUTDIR] [-c CONFIGURATION] [-v]</c>: publishes
/// the project as an image for the target and prints <c>IMAGE (SIZE)</c> on standard output,
/// and nothing else there.
/// </summary>
public static class BuildCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "build";

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var project = CommonOptions.Project();
        var target = CommonOptions.Target(context.Targets);
        var output = new Option<string?>("--output", "-o") { Description = "The image's directory (default: PROJECTDIR/bin/islet/TARGET)", HelpName = "OUTDIR" };
        var configuration = new Option<string>("--configuration", "-c")
        {
            Description = "The build configuration",
            HelpName = "CONFIGURATION",
            DefaultValueFactory = _ => "Release",
        };
        var verbose = CommonOptions.Verbose();
        var command = new Command(Name, "Build an Islet application into an image") { project, target, output, configuration, verbose };
        command.SetAction(result =>
        {
            var explicitTarget = CommonOptions.ExplicitTarget(context.Targets, result.GetValue(target));
            var app = InputLocator.FindProject(result.GetValue(project), context.Environment);
            var chosen = CommonOptions.ForProject(context.Targets, explicitTarget, app);
            string? outDir = result.GetValue(output);
            var request = new BuildRequest(app, chosen,
                outDir is null ? app.DefaultOutputDirectory(chosen.Name) : context.Environment.FullPath(outDir),
                result.GetValue(configuration) ?? "Release");
            var built = new ImageBuilder(context.Environment, result.GetValue(verbose)).Build(request);
            context.Environment.Out.WriteLine($"{built.ImagePath} ({ByteSize.Format(built.Size)})");
            return ExitCodes.Success;
        });
        return command;
    }
}

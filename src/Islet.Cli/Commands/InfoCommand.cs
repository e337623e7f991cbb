using System.CommandLine;
using System.Text.Json;
using Islet.Cli.Images;
using Islet.Cli.Internal;
using Islet.Cli.Projects;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet info [PROJECT|IMAGE] [-t TARGET] [--json]</c>: for an image, its path, size,
/// SHA-256, build record and, for a sealed image, its manifest and whether its hash verifies;
/// for a project, its target, content folders and image path.
/// </summary>
public static class InfoCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "info";

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var input = CommonOptions.ProjectOrImage("A project (file or directory) or a built image (default: the single *.csproj here)");
        var target = CommonOptions.Target(context.Targets);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command(Name, "Describe an Islet image or project") { input, target, json };
        command.SetAction(result =>
        {
            var explicitTarget = CommonOptions.ExplicitTarget(context.Targets, result.GetValue(target));
            var found = InputLocator.Find(result.GetValue(input), context.Environment);
            var output = context.Environment.Out;
            if (found.Project is { } project)
            {
                var chosen = CommonOptions.ForProject(context.Targets, explicitTarget, project);
                string image = Path.Combine(project.DefaultOutputDirectory(chosen.Name), chosen.GetImageFileName(project.AssemblyName));
                var info = new ProjectInfo(project.ProjectPath, chosen.Name, project.ContentFolders, image, File.Exists(image));
                if (result.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(info, CliJsonContext.Default.ProjectInfo));
                else WriteText(output, info);
            }
            else
            {
                var info = ImageInfo.Read(found.ImagePath!);
                if (result.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(info, CliJsonContext.Default.ImageInfo));
                else WriteText(output, info);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(TextWriter output, ProjectInfo info)
    {
        output.WriteLine($"project:  {info.Project}");
        output.WriteLine($"target:   {info.Target}");
        output.WriteLine($"content:  {(info.ContentFolders.Count == 0 ? "(none)" : string.Join(", ", info.ContentFolders))}");
        output.WriteLine($"image:    {info.Image}{(info.ImageExists ? "" : " (not built)")}");
    }

    private static void WriteText(TextWriter output, ImageInfo info)
    {
        output.WriteLine($"image:    {info.Path}");
        output.WriteLine($"size:     {info.Size} bytes ({ByteSize.Format(info.Size)})");
        output.WriteLine($"sha256:   {info.Sha256}");
        if (info.Manifest is { } manifest)
        {
            ManifestText.Write(output, manifest, info.Verified == true);
            return;
        }
        if (info.Build is not { } build)
        {
            output.WriteLine($"target:   unknown (no {Path.GetFileName(ImageBuildRecord.SidecarPath(info.Path))} beside the image)");
            return;
        }
        output.WriteLine($"target:   {build.Target} ({build.RuntimeIdentifier}, {build.Configuration})");
        output.WriteLine($"project:  {build.Project}");
        output.WriteLine($"sdk:      {build.SdkVersion ?? "unknown"}");
        output.WriteLine($"source:   {Describe(build.Source)}");
        output.WriteLine($"islet:    {Describe(build.Islet)}");
    }

    private static string Describe(GitState? git) =>
        git is null ? "not in git" : git.Dirty ? $"{git.Commit} (with uncommitted changes)" : git.Commit;
}

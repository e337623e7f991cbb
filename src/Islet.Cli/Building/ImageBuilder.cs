using Islet.Cli.Images;
using Islet.Cli.Internal;
using Islet.Cli.Projects;

namespace Islet.Cli.Building;

/// <summary>
/// Builds images with <c>dotnet publish</c> and writes their <see cref="ImageBuildRecord"/>
/// sidecar. Progress and, on failure, the tail of the build log go to standard error.
/// </summary>
public sealed class ImageBuilder
{
    private readonly CliEnvironment _environment;
    private readonly bool _verbose;

    /// <summary>Creates a builder; <paramref name="verbose"/> passes the whole build log through.</summary>
    public ImageBuilder(CliEnvironment environment, bool verbose)
    {
        _environment = environment;
        _verbose = verbose;
    }

    /// <summary>
    /// Builds <paramref name="request"/>. Throws a failure <see cref="CliException"/> when the
    /// target is unavailable, <c>dotnet</c> cannot start, the build fails (after printing the
    /// log's tail) or no image appears where expected.
    /// </summary>
    public BuildResult Build(BuildRequest request)
    {
        if (!request.Target.IsAvailable(out string? reason))
        {
            throw CliException.Failure($"target '{request.Target.Name}' is not available here: {reason}");
        }
        Directory.CreateDirectory(request.OutputDirectory);
        var display = BuildDisplay.Create(_environment, _verbose);
        string title = $"building {request.Project.Name} for {request.Target.Name}";
        var output = display.Run(title, onLine =>
            ProcessRunner.Run("dotnet", request.ToPublishArguments(), request.Project.ProjectDirectory, onLine));

        if (output is null)
        {
            throw CliException.Failure("cannot run 'dotnet'; is the .NET SDK on PATH?");
        }
        if (output.ExitCode != 0)
        {
            if (!_verbose)
            {
                foreach (string line in output.Tail) _environment.Error.WriteLine(line);
            }
            throw CliException.Failure($"build of {request.Project.ProjectPath} for {request.Target.Name} failed (dotnet publish exited with {output.ExitCode})");
        }
        string image = request.ImagePath;
        if (!File.Exists(image))
        {
            throw CliException.Failure($"the build succeeded but left no image at {image}");
        }
        ImageSidecar.Write(image, CreateRecord(request));
        return new BuildResult(image, new FileInfo(image).Length);
    }

    private ImageBuildRecord CreateRecord(BuildRequest request)
    {
        string directory = request.Project.ProjectDirectory;
        GitState? islet = null;
        try
        {
            islet = BuildProvenance.Git(IsletRootLocator.Find(_environment));
        }
        catch (CliException)
        {
            // No Islet root known to this CLI: the record just lacks it.
        }
        return new ImageBuildRecord(
            ImageBuildRecord.CurrentFormat,
            request.Target.Name,
            request.Project.ProjectPath,
            request.Project.AssemblyName,
            request.Target.RuntimeIdentifier,
            request.Configuration,
            BuildProvenance.SdkVersion(directory),
            BuildProvenance.Git(directory),
            islet);
    }
}

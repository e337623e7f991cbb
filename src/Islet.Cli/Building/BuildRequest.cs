using Islet.Cli.Projects;
using Islet.Cli.Targets;

namespace Islet.Cli.Building;

/// <summary>One <c>islet build</c>: which project, for which target, into which directory.</summary>
/// <param name="Project">The application project.</param>
/// <param name="Target">The target to build for.</param>
/// <param name="OutputDirectory">The full path the image is published into.</param>
/// <param name="Configuration">The MSBuild configuration (Release unless asked otherwise).</param>
public sealed record BuildRequest(IsletProject Project, IIsletTarget Target, string OutputDirectory, string Configuration)
{
    /// <summary>The full path of the image this build produces.</summary>
    public string ImagePath => Path.Combine(OutputDirectory, Target.GetImageFileName(Project.AssemblyName));

    /// <summary>
    /// The arguments after <c>dotnet</c>: <c>publish PROJECT -c CONFIGURATION -r RID -o OUTDIR
    /// -p:IsletTarget=TARGET</c> and the target's own properties.
    /// </summary>
    public IReadOnlyList<string> ToPublishArguments()
    {
        var args = new List<string>
        {
            "publish", Project.ProjectPath,
            "-c", Configuration,
            "-r", Target.RuntimeIdentifier,
            "-o", OutputDirectory,
            $"-p:IsletTarget={Target.Name}",
        };
        foreach (var (name, value) in Target.BuildProperties) args.Add($"-p:{name}={value}");
        args.Add("-nologo");
        return args;
    }
}

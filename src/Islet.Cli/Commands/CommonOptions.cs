using System.CommandLine;
using Islet.Cli.Projects;
using Islet.Cli.Targets;

namespace Islet.Cli.Commands;

/// <summary>Options and arguments several commands share, and how a target is chosen.</summary>
internal static class CommonOptions
{
    public static Option<string?> Target(TargetRegistry targets) => new("--target", "-t")
    {
        Description = $"The target to build or run for: {string.Join(", ", targets.All.Select(t => t.Name))} (default: the project's IsletTarget, else {TargetRegistry.DefaultTargetName})",
        HelpName = "TARGET",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Show the whole build log (on standard error)",
    };

    public static Argument<string?> ProjectOrImage(string description) => RejectOptions(new Argument<string?>("PROJECT|IMAGE")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
    });

    public static Argument<string?> Project() => RejectOptions(new Argument<string?>("PROJECT")
    {
        Description = "The project file or its directory (default: the single *.csproj here)",
        Arity = ArgumentArity.ZeroOrOne,
    });

    /// <summary>
    /// Makes an unknown option (a token starting with '-') an error instead of a value: the
    /// parser hands unmatched option-like tokens to the next free argument.
    /// </summary>
    public static Argument<T> RejectOptions<T>(Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-') result.AddError($"unknown option '{token.Value}'");
            }
        });
        return argument;
    }

    /// <summary>
    /// Checks an explicit <c>-t</c> before anything else, so an unknown target is reported as such
    /// whatever else is wrong.
    /// </summary>
    public static IIsletTarget? ExplicitTarget(TargetRegistry targets, string? option) =>
        option is null ? null : targets.Get(option);

    /// <summary>The target for a project: <c>-t</c>, else the project's <c>IsletTarget</c>, else unix.</summary>
    public static IIsletTarget ForProject(TargetRegistry targets, IIsletTarget? explicitTarget, IsletProject project) =>
        explicitTarget ?? targets.Get(project.DeclaredTarget ?? TargetRegistry.DefaultTargetName);
}

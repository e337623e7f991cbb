using System.CommandLine;
using Islet.Cli.Projects;
using Islet.Cli.Scaffolding;

namespace Islet.Cli.Commands;

/// <summary>
/// <c>islet new TEMPLATE NAME [-o DIR]</c>: writes a new application from a template into
/// DIR (default <c>./NAME</c>), which must not exist or be empty.
/// </summary>
public static class NewCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "new";

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandContext context)
    {
        var template = CommonOptions.RejectOptions(new Argument<string>("TEMPLATE")
        {
            Description = "The template: " + string.Join("; ", TemplateCatalog.All.Select(t => $"{t.Name}: {t.Description}")),
        });
        var appName = CommonOptions.RejectOptions(new Argument<string>("NAME") { Description = "The application's name (a C# identifier; dots allowed)" });
        var output = new Option<string?>("--output", "-o") { Description = "The directory to create (default: ./NAME)", HelpName = "DIR" };
        var command = new Command(Name, "Create a new Islet application from a template") { template, appName, output };
        command.SetAction(result => Execute(context, result.GetValue(template)!, result.GetValue(appName)!, result.GetValue(output)));
        return command;
    }

    /// <summary>Creates the application; returns the exit code or throws <see cref="CliException"/>.</summary>
    public static int Execute(CommandContext context, string templateName, string appName, string? output)
    {
        var environment = context.Environment;
        var template = TemplateCatalog.Find(templateName)
            ?? throw CliException.Usage($"unknown template '{templateName}' (known: {string.Join(", ", TemplateCatalog.All.Select(t => t.Name))})");
        if (AppName.Validate(appName) is { } problem) throw CliException.Usage(problem);

        string directory = environment.FullPath(output ?? appName);
        if (File.Exists(directory)) throw CliException.Usage($"{directory} exists and is a file");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw CliException.Usage($"{directory} already exists and is not empty");
        }
        string isletRoot = IsletRootLocator.Find(environment);
        try
        {
            template.Write(directory, appName, isletRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Failure($"cannot write {directory}: {e.Message}");
        }
        environment.Out.WriteLine($"created {template.Name} application {appName} in {directory}");
        return ExitCodes.Success;
    }
}

using Spectre.Console;

namespace Islet.Cli.Building;

/// <summary>
/// Shows a build's progress on standard error: a spinner with the build's latest line on a
/// terminal, every line with <c>--verbose</c>, otherwise a single line saying what is built.
/// Standard output is never written.
/// </summary>
public abstract class BuildDisplay
{
    /// <summary>Picks the display for <paramref name="environment"/>.</summary>
    public static BuildDisplay Create(CliEnvironment environment, bool verbose) =>
        verbose ? new LineDisplay(environment.Error, passThrough: true)
        : environment.IsInteractive ? new SpinnerDisplay(environment.Error)
        : new LineDisplay(environment.Error, passThrough: false);

    /// <summary>Runs <paramref name="work"/>, which reports each output line to the action it is given.</summary>
    public abstract T Run<T>(string title, Func<Action<string>, T> work);

    private sealed class LineDisplay(TextWriter error, bool passThrough) : BuildDisplay
    {
        public override T Run<T>(string title, Func<Action<string>, T> work)
        {
            error.WriteLine($"islet: {title}...");
            return work(line =>
            {
                if (!passThrough) return;
                lock (error) error.WriteLine(line);
            });
        }
    }

    private sealed class SpinnerDisplay(TextWriter error) : BuildDisplay
    {
        private const int MaxLineLength = 100;

        public override T Run<T>(string title, Func<Action<string>, T> work)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
            string heading = Markup.Escape(title);
            return console.Status().Spinner(Spinner.Known.Dots).Start(heading, context =>
                work(line =>
                {
                    string trimmed = line.Trim();
                    if (trimmed.Length == 0) return;
                    if (trimmed.Length > MaxLineLength) trimmed = trimmed[..MaxLineLength] + "…";
                    context.Status = $"{heading} [grey]{Markup.Escape(trimmed)}[/]";
                }));
        }
    }
}

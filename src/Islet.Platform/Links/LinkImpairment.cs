using System.Globalization;

namespace Islet.Links;

/// <summary>Parses the <c>--islet-impair</c> option into <see cref="MemoryLinkOptions"/>.</summary>
public static class LinkImpairment
{
    /// <summary>
    /// Reads <c>loss=P,dup=P,reorder=P,delay=MS,jitter=MS,reorder-delay=MS,seed=N</c> (percentages
    /// and milliseconds, any subset, any order). False with a one-line error for anything else.
    /// </summary>
    public static bool TryParse(string text, out MemoryLinkOptions options, out string error)
    {
        options = new MemoryLinkOptions();
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0)
            {
                error = $"--islet-impair: '{part}' is not NAME=NUMBER";
                return false;
            }
            string name = part[..eq];
            switch (name)
            {
                case "loss": options = options with { Loss = value / 100 }; break;
                case "dup": options = options with { Duplicate = value / 100 }; break;
                case "reorder": options = options with { Reorder = value / 100 }; break;
                case "delay": options = options with { Delay = TimeSpan.FromMilliseconds(value) }; break;
                case "jitter": options = options with { Jitter = TimeSpan.FromMilliseconds(value) }; break;
                case "reorder-delay": options = options with { ReorderDelay = TimeSpan.FromMilliseconds(value) }; break;
                case "seed": options = options with { Seed = (int)value }; break;
                default:
                    error = $"--islet-impair: unknown setting '{name}' (loss, dup, reorder, delay, jitter, reorder-delay, seed)";
                    return false;
            }
        }
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            error = $"--islet-impair: {e.Message.Split('\n')[0]}";
            return false;
        }
        return true;
    }
}

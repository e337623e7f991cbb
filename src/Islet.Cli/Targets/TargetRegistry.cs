using System.Diagnostics.CodeAnalysis;

namespace Islet.Cli.Targets;

/// <summary>
/// The targets the CLI knows, by name (ordinal, case-sensitive as MSBuild conditions are).
/// New targets are added with <see cref="Register"/>, in <see cref="CreateDefault"/>.
/// </summary>
public sealed class TargetRegistry
{
    /// <summary>The target used when <c>-t</c> is not given and the project names none.</summary>
    public const string DefaultTargetName = "unix";

    private readonly Dictionary<string, IIsletTarget> _targets = new(StringComparer.Ordinal);
    private readonly List<IIsletTarget> _ordered = [];

    /// <summary>A registry with every built-in target.</summary>
    public static TargetRegistry CreateDefault()
    {
        var registry = new TargetRegistry();
        registry.Register(new UnixTarget());
        registry.Register(new DirectTarget());
        registry.Register(new SptTarget());
        registry.Register(new HvtTarget());
        return registry;
    }

    /// <summary>Registered targets, in registration order.</summary>
    public IReadOnlyList<IIsletTarget> All => _ordered;

    /// <summary>Adds <paramref name="target"/>; throws <see cref="ArgumentException"/> if its name is taken.</summary>
    public void Register(IIsletTarget target)
    {
        if (!_targets.TryAdd(target.Name, target))
        {
            throw new ArgumentException($"target '{target.Name}' is already registered", nameof(target));
        }
        _ordered.Add(target);
    }

    /// <summary>Looks up a target by name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out IIsletTarget? target) => _targets.TryGetValue(name, out target);

    /// <summary>
    /// The target named <paramref name="name"/>; a usage <see cref="CliException"/>
    /// ("unknown target 'x' (known: unix)") if there is none.
    /// </summary>
    public IIsletTarget Get(string name) =>
        TryGet(name, out var target)
            ? target
            : throw CliException.Usage($"unknown target '{name}' (known: {string.Join(", ", _ordered.Select(t => t.Name))})");

    /// <summary>
    /// As <see cref="Get"/>, and also a failure <see cref="CliException"/> when the target is not
    /// available on this host.
    /// </summary>
    public IIsletTarget GetAvailable(string name)
    {
        var target = Get(name);
        if (!target.IsAvailable(out string? reason))
        {
            throw CliException.Failure($"target '{name}' is not available here: {reason}");
        }
        return target;
    }
}

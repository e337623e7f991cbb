using System.Runtime.CompilerServices;
using Islet.Store.Backends;

namespace Islet.Store.Internal;

/// <summary>
/// Tells watchers when a branch moved through any store over the same backend instance (one
/// notifier per backend object, found through a weak table so it goes away with the backend).
/// </summary>
internal sealed class BranchNotifier
{
    private static readonly ConditionalWeakTable<IStoreBackend, BranchNotifier> s_byBackend = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, List<Action>> _listeners = new(StringComparer.Ordinal);

    public static BranchNotifier For(IStoreBackend backend) => s_byBackend.GetValue(backend, _ => new BranchNotifier());

    public IDisposable Subscribe(string refName, Action listener)
    {
        lock (_gate)
        {
            if (!_listeners.TryGetValue(refName, out List<Action>? list))
                _listeners[refName] = list = new List<Action>();
            list.Add(listener);
        }
        return new Subscription(this, refName, listener);
    }

    public void Notify(string refName)
    {
        Action[] listeners;
        lock (_gate)
            listeners = _listeners.TryGetValue(refName, out List<Action>? list) ? [.. list] : [];
        foreach (Action listener in listeners)
            listener();
    }

    private void Unsubscribe(string refName, Action listener)
    {
        lock (_gate)
        {
            if (_listeners.TryGetValue(refName, out List<Action>? list))
                list.Remove(listener);
        }
    }

    private sealed class Subscription(BranchNotifier owner, string refName, Action listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Unsubscribe(refName, listener);
        }
    }
}

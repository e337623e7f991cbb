namespace Islet.Store.Backends;

/// <summary>A place to keep a store: its objects and its refs, opened together and closed together.</summary>
public interface IStoreBackend : IDisposable
{
    /// <summary>The objects.</summary>
    IObjectStore Objects { get; }

    /// <summary>The refs.</summary>
    IRefStore Refs { get; }
}

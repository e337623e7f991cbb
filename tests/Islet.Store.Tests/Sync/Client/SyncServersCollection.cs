namespace Islet.Store.Tests.Sync.Client;

/// <summary>The sync client tests share one set of servers.</summary>
[CollectionDefinition(Name)]
public sealed class SyncServersCollection : ICollectionFixture<SyncServersFixture>
{
    public const string Name = "sync servers";
}

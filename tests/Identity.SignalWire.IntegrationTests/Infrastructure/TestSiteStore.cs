using Microsoft.Data.Sqlite;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// What every instance of one site shares, as servers behind a load balancer would: the SQLite database file, the
/// Data Protection key ring (so that a cookie one instance wrote is readable by another) and the Redis key prefix
/// (unique per test, so that tests never see each other's entries in the shared Redis server).
/// </summary>
internal sealed class TestSiteStore : IDisposable
{
    public TestSiteStore()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(KeysDirectory);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "identity-signalwire-it-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Root, "identity.db");

    public string KeysDirectory => Path.Combine(Root, "keys");

    public string CacheInstanceName { get; } = "it-" + Guid.NewGuid().ToString("N")[..12] + ":";

    public void Dispose()
    {
        // Pooled connections keep the database file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test for it would not be.
        }
    }
}

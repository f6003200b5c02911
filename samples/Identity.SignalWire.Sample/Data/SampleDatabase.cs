using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Identity.SignalWire.Sample.Data;

/// <summary>Where the SQLite file lives, and creating it on first run.</summary>
internal static class SampleDatabase
{
    /// <summary>
    /// <c>ConnectionStrings:Sample</c>, with a relative file resolved against the content root (not the current
    /// directory, which differs between <c>dotnet run</c>, an IDE and a test), and its folder created.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connection = new SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Sample") ?? "Data Source=App_Data/identity-signalwire-sample.db");
        if (!string.IsNullOrEmpty(connection.DataSource) && connection.DataSource != ":memory:" && !Path.IsPathRooted(connection.DataSource))
        {
            connection.DataSource = Path.Combine(environment.ContentRootPath, connection.DataSource);
        }

        if (Path.GetDirectoryName(connection.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return connection.ToString();
    }

    /// <summary>Creates the database and its tables when the file does not exist yet.</summary>
    public static void EnsureCreated(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SampleDbContext>().Database.EnsureCreated();
    }
}

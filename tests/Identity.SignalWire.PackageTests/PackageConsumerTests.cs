namespace Identity.SignalWire.PackageTests;

/// <summary>How a user meets the library: a fresh app that references the packed packages by package, not by project.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageConsumerTests(PackedPackages packages) : IDisposable
{
    private readonly DirectoryInfo _app = Directory.CreateTempSubdirectory("identity-signalwire-consumer-");

    [Fact]
    public async Task A_fresh_app_referencing_the_packages_does_a_code_round_trip_against_the_emulator()
    {
        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        foreach (var file in Directory.GetFiles(template))
        {
            File.Copy(file, Path.Combine(_app.FullName, Path.GetFileName(file)));
        }

        await packages.WriteNuGetConfigAsync(_app.FullName);

        var (exitCode, output) = await DotNetCli.RunAsync(
            _app.FullName, TimeSpan.FromMinutes(5), "run", "-c", "Release", $"-p:IdentitySignalWireVersion={packages.Version}");

        Assert.True(exitCode == 0, output);
        Assert.Contains("ok: right code is true", output, StringComparison.Ordinal);
        Assert.Contains("ok: wrong code is false", output, StringComparison.Ordinal);
        Assert.Contains("ok: a resend within the cooldown is refused", output, StringComparison.Ordinal);
        Assert.Contains("ok: a 500 is an exception", output, StringComparison.Ordinal);
        Assert.Contains("ROUND TRIP OK", output, StringComparison.Ordinal);
        var assets = await File.ReadAllTextAsync(Path.Combine(_app.FullName, "obj", "project.assets.json"));
        Assert.Contains($"\"Identity.SignalWire/{packages.Version}\"", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\": \"project\"", assets, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Delete(recursive: true);
}

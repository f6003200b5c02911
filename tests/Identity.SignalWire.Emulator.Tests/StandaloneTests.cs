using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Identity.SignalWire.Emulator.Tests;

/// <summary>
/// The emulator as <c>dotnet run --project src/Identity.SignalWire.Emulator</c> runs it: a process of its own that
/// prints where it listens and the credentials, answers any HTTP client, and stops cleanly on SIGTERM.
/// </summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task The_standalone_emulator_prints_its_address_and_credentials_answers_plain_HTTP_and_stops_on_SIGTERM()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { EmulatorAssembly(), "--port", "0", "--project-id", "standalone-project", "--api-token", "PTstandalone" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            var banner = await ReadBannerAsync(process, TimeSpan.FromSeconds(60));
            var baseAddress = new Uri(Field(banner, "API base address:"));
            Assert.Equal("127.0.0.1", baseAddress.Host);
            Assert.Equal("standalone-project", Field(banner, "Project ID:"));
            Assert.Equal("PTstandalone", Field(banner, "API token:"));

            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("standalone-project:PTstandalone")));
            using var sent = await http.PostAsync(new Uri(baseAddress, "mfa/sms"), new StringContent("""{"to":"+12015551234"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

            var outbox = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(Field(banner, "Development phone:")), "emulator/outbox"));
            var code = outbox.EnumerateArray().Single().GetProperty("code").GetString();
            using var verified = await http.PostAsync(new Uri(baseAddress, $"mfa/{id}/verify"), new StringContent($$"""{"token":"{{code}}"}""", Encoding.UTF8, "application/json"));
            Assert.Equal("""{"success":true}""", await verified.Content.ReadAsStringAsync());

            using (Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static async Task<string> ReadBannerAsync(Process process, TimeSpan timeout)
    {
        var banner = new StringBuilder();
        using var cancel = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            banner.AppendLine(line);
            if (line.Contains("Press Ctrl+C", StringComparison.Ordinal))
            {
                return banner.ToString();
            }
        }

        throw new InvalidOperationException($"The emulator stopped before it was ready:\n{banner}\n{await process.StandardError.ReadToEndAsync()}");
    }

    private static string Field(string banner, string label) =>
        banner.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();

    // The emulator's own build output, in the configuration these tests were built in.
    private static string EmulatorAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Identity.SignalWire.Emulator", "bin", configuration, "net10.0", "Identity.SignalWire.Emulator.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The emulator's build output was not found; build the solution first.");
    }
}

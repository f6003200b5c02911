using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Identity.SignalWire.PackageTests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>
/// The diff in docs/drop-in-ui.md, applied as written to the stock template of the installed SDK, with the packages
/// from a local feed: it builds, starts, and signs in with a code from the emulator. The doc cannot drift from what works.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class StockTemplateTests(PackedPackages packages) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("identity-signalwire-defaultui-template-");
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task The_documented_diff_on_the_stock_template_signs_in_with_a_text_from_the_emulator()
    {
        var app = Path.Combine(_folder.FullName, "WebApp");
        await RunAsync(_folder.FullName, "dotnet", "new", "webapp", "--auth", "Individual", "-n", "WebApp", "-o", app);

        // The block as the doc shows it; only the package version is the one just packed.
        var doc = await File.ReadAllTextAsync(Path.Combine(packages.RepositoryRoot, "docs", "drop-in-ui.md"));
        var diff = DiffBlock().Match(doc);
        Assert.True(diff.Success, "docs/drop-in-ui.md has no ```diff block");
        var patch = Path.Combine(_folder.FullName, "drop-in.diff");
        await File.WriteAllTextAsync(patch, diff.Groups[1].Value.Replace("Version=\"0.1.0\"", $"Version=\"{packages.Version}\"", StringComparison.Ordinal));
        await RunAsync(app, "git", "apply", "--ignore-whitespace", patch);
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{packages.Folder}" />
              </packageSources>
            </configuration>
            """);
        await RunAsync(app, "dotnet", "build", "-c", "Release");

        var port = Identity.SignalWire.Testing.RedisServer.FreeLoopbackPort();
        var address = $"http://127.0.0.1:{port}";
        using var site = StartSite(app, address, out var output);
        try
        {
            await WaitUntilUpAsync(address, site, output);
            var emulator = new Uri(EmulatorAddress().Match(Read(output)).Groups[1].Value);
            await SignInFlowAsync(address, emulator);
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    private static async Task SignInFlowAsync(string address, Uri emulator)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await (await browser.NewContextAsync(new() { BaseURL = address })).NewPageAsync();
        page.SetDefaultTimeout(30_000);
        const string email = "someone@example.com", password = "Some-Passw0rd!", phone = "+12015550123";

        await page.GotoAsync("/Identity/Account/Register");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(password);
        await page.Locator("#registerSubmit").ClickAsync();
        await page.Locator("#confirm-link").ClickAsync();
        await LogInAsync(page, email, password);

        await page.GotoAsync("/Identity/Account/Manage/PhoneNumber");
        await page.Locator("#new-number").FillAsync(phone);
        await page.Locator("#send-code").ClickAsync();
        await page.Locator("#code").FillAsync(await NextCodeAsync(emulator, phone, 1));
        await page.Locator("#confirm").ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Your phone number is confirmed.");

        // Turning two-factor on is a factor change: step-up first, with a code to the number just confirmed.
        await page.GotoAsync("/Identity/Account/Manage/PhoneNumber");
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/ConfirmIdentity"));
        await page.Locator("#send-sms").ClickAsync();
        await page.Locator("#code").FillAsync(await NextCodeAsync(emulator, phone, 2));
        await page.Locator("#prove").ClickAsync();
        await page.Locator("#turn-on").ClickAsync();
        await Expect(page.Locator("code.recovery-code")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Logout" }).ClickAsync();
        await LogInAsync(page, email, password);
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
        await page.Locator("#send-sms").ClickAsync();
        await page.Locator("#code").FillAsync(await NextCodeAsync(emulator, phone, 3));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Hello {email}!" })).ToBeVisibleAsync();
    }

    private static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
    }

    // The emulator's outbox, read over HTTP from the site's process: the code of the nth message to the number.
    private static async Task<string> NextCodeAsync(Uri emulator, string to, int nth)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var outbox = await Http.GetFromJsonAsync<JsonElement>(new Uri(emulator, "emulator/outbox"));
            var codes = outbox.EnumerateArray().Where(m => m.GetProperty("to").GetString() == to).Select(m => m.GetProperty("code").GetString()!).ToList();
            if (codes.Count >= nth)
            {
                return codes[nth - 1];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No message {nth} to {to} reached the emulator.");
    }

    private static Process StartSite(string app, string address, out StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--no-build", "-c", "Release", "--no-launch-profile", "--urls", address })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var lines = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        process.OutputDataReceived += (_, e) => { lock (lines) { lines.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lines) { lines.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = lines;
        return process;
    }

    private static async Task WaitUntilUpAsync(string address, Process site, StringBuilder output)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(site.HasExited, "The site stopped:\n" + Read(output));
            try
            {
                using var response = await Http.GetAsync(new Uri(address + "/"));
                if (response.IsSuccessStatusCode && EmulatorAddress().IsMatch(Read(output)))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The site did not start:\n" + Read(output));
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task RunAsync(string folder, string command, params string[] arguments)
    {
        var (exitCode, output) = command == "dotnet"
            ? await DotNetCli.RunAsync(folder, TimeSpan.FromMinutes(5), arguments)
            : await RunToolAsync(folder, command, arguments);
        Assert.True(exitCode == 0, $"{command} {string.Join(' ', arguments)} failed:\n{output}");
    }

    private static async Task<(int, string)> RunToolAsync(string folder, string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [GeneratedRegex("```diff\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex DiffBlock();

    [GeneratedRegex("SignalWire MFA emulator at (http://127\\.0\\.0\\.1:\\d+/)")]
    private static partial Regex EmulatorAddress();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.PackageTests;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>
/// The diff in docs/drop-in-ui-blazor.md, applied to the stock template of the installed SDK as a user would: a fresh
/// <c>dotnet new blazor --auth Individual</c>, the diff read from the document (so that the document cannot drift from
/// what works), the packages from a local feed, a build, a start on a loopback port, and a sign-in with a code from an
/// emulator. Slow (a pack, a restore and a build): it is the adoption a user makes, end to end.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class TemplateAdoptionTests(PackedPackages packages, ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _app = Directory.CreateTempSubdirectory("identity-signalwire-blazor-template-");

    [Fact]
    public async Task The_documented_diff_turns_the_stock_template_into_a_site_that_signs_in_with_a_code()
    {
        await RunAsync("new", "blazor", "--auth", "Individual", "-n", "BlazorApp", "-o", _app.FullName);
        var diff = Path.Combine(_app.FullName, "signalwire.diff");
        await File.WriteAllTextAsync(diff, DocumentedDiff(packages.RepositoryRoot, packages.Version));
        await RunGitApplyAsync(diff);
        await File.WriteAllTextAsync(Path.Combine(_app.FullName, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{packages.Folder}" />
              </packageSources>
            </configuration>
            """);
        await RunAsync("build", "-c", "Release");

        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        var address = "http://127.0.0.1:" + FreePort();
        using var site = StartSite(address, emulator);
        try
        {
            await WaitForAsync(address);
            await SignInWithACodeAsync(address, new TestPhone(emulator));
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    /// <summary>The unified diff under the <c>adoption-diff</c> marker, with the package version being tested.</summary>
    internal static string DocumentedDiff(string repositoryRoot, string version)
    {
        var document = File.ReadAllText(Path.Combine(repositoryRoot, "docs", "drop-in-ui-blazor.md"));
        var match = DiffBlock().Match(document);
        Assert.True(match.Success, "docs/drop-in-ui-blazor.md has no ```diff block under <!-- adoption-diff -->.");
        var body = match.Groups["diff"].Value;
        Assert.Contains("Include=\"Identity.SignalWire.UI\" Version=\"0.1.0\"", body, StringComparison.Ordinal);
        return body.Replace("Include=\"Identity.SignalWire.UI\" Version=\"0.1.0\"", $"Include=\"Identity.SignalWire.UI\" Version=\"{version}\"", StringComparison.Ordinal);
    }

    private async Task SignInWithACodeAsync(string address, TestPhone phone)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var email = "user-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";
        const string Password = "Sample-Passw0rd!";

        // The template's own registration and e-mail confirmation (no e-mail sender: the page shows the link).
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Click here to confirm your account" }).ClickAsync();
        await LogInAsync(page, email, Password);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = email })).ToBeVisibleAsync();

        // The package's phone page, through the page file the diff adds.
        await page.GotoAsync("/Account/Manage/PhoneNumber");
        await page.GetByLabel("Phone number").FillAsync(phone.Number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await phone.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.Locator("#phone-status")).ToContainTextAsync(phone.Number + " (confirmed)");

        // Two-factor sign-in on, after step-up with a code to that phone.
        await page.GotoAsync("/Account/Manage/TwoFactorAuthentication");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await phone.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator(".recovery-code")).ToHaveCountAsync(10);

        // Out, and in again with a text.
        await page.GetByRole(AriaRole.Button, new() { Name = "Logout" }).ClickAsync();
        await LogInAsync(page, email, Password);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await page.GetByLabel("Text message (SMS)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(page.Locator("#sent-to")).ToContainTextAsync("ending in " + phone.Number[^2..]);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await phone.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = email })).ToBeVisibleAsync();
    }

    private static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    private async Task RunAsync(params string[] arguments)
    {
        var (exitCode, printed) = await DotNetCli.RunAsync(_app.FullName, TimeSpan.FromMinutes(10), arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{printed}");
    }

    // git apply works outside a repository too; --ignore-whitespace lets the diff apply to the template's CRLF files.
    private async Task RunGitApplyAsync(string diff)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _app.FullName, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "apply", "--ignore-whitespace", "--verbose", diff })
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var errors = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.True(git.ExitCode == 0, "git apply of the documented diff failed:\n" + errors);
    }

    private Process StartSite(string address, SignalWireMfaEmulator emulator)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _app.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine("bin", "Release", "net10.0", "BlazorApp.dll"), "--urls", address })
        {
            start.ArgumentList.Add(argument);
        }

        // What a user sets for SignalWire itself; here the emulator of this test stands in for it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["SignalWire__BaseAddress"] = emulator.BaseAddress.AbsoluteUri;
        start.Environment["SignalWire__ProjectId"] = emulator.ProjectId;
        start.Environment["SignalWire__ApiToken"] = emulator.ApiToken;
        var site = Process.Start(start)!;
        var printed = new StringBuilder();
        site.OutputDataReceived += (_, line) => Print(printed, line.Data);
        site.ErrorDataReceived += (_, line) => Print(printed, line.Data);
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        return site;
    }

    private void Print(StringBuilder printed, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (printed)
        {
            printed.AppendLine(line);
        }

        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has ended; the site's last lines have nowhere to go.
        }
    }

    private static async Task WaitForAsync(string address)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/Account/Login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "The site did not answer on " + address);
            await Task.Delay(500);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"<!-- adoption-diff -->\s*```diff\n(?<diff>.*?\n)```", RegexOptions.Singleline)]
    private static partial Regex DiffBlock();

    public void Dispose()
    {
        try
        {
            _app.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator.Tests;

/// <summary>
/// <c>builder.AddSignalWireMfaEmulatorInDevelopment()</c> and <c>app.MapSignalWireDevelopmentPhone()</c> (issue 23,
/// item 2): the emulator inside a site in Development, never what a deployed site falls back to.
/// </summary>
public sealed class DevelopmentHostingTests
{
    private const string SimulatedCallerHeader = "X-Test-Remote-Address";

    // Empty values override anything the machine sets (environment variables): each test says what is configured.
    private static readonly string[] NothingConfigured =
        ["--SignalWire:SpaceName=", "--SignalWire:BaseAddress=", "--SignalWire:ProjectId=", "--SignalWire:ApiToken="];

    [Fact]
    public async Task In_Development_with_nothing_configured_it_starts_the_emulator_and_points_SignalWire_at_it()
    {
        var builder = NewBuilder(Environments.Development);

        builder.AddSignalWireMfaEmulatorInDevelopment(options => options.TestNumbers[EmulatorApi.Number] = "424242");

        var baseAddress = new Uri(builder.Configuration["SignalWire:BaseAddress"]!);
        Assert.Equal(IPAddress.Loopback.ToString(), baseAddress.Host);
        Assert.Equal("/api/relay/rest/", baseAddress.AbsolutePath);
        var app = builder.Build();
        await app.StartAsync();
        var emulator = app.Services.GetRequiredService<SignalWireMfaEmulator>();
        Assert.Equal(emulator.BaseAddress, baseAddress);
        Assert.Equal(emulator.ProjectId, builder.Configuration["SignalWire:ProjectId"]);
        Assert.Equal(emulator.ApiToken, builder.Configuration["SignalWire:ApiToken"]);

        // The configured credentials work against it, and the options the delegate set are its own.
        using (var api = EmulatorApi.WithCredentials(emulator, builder.Configuration["SignalWire:ProjectId"], builder.Configuration["SignalWire:ApiToken"]))
        {
            await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        }

        Assert.Equal("424242", emulator.Outbox[0].Code);

        await app.StopAsync();
        await app.DisposeAsync();
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, baseAddress.Port));
    }

    [Fact]
    public async Task The_application_stops_the_emulator_even_when_nothing_asked_for_it()
    {
        var builder = NewBuilder(Environments.Development);
        builder.AddSignalWireMfaEmulatorInDevelopment();
        var port = new Uri(builder.Configuration["SignalWire:BaseAddress"]!).Port;
        var app = builder.Build();
        await app.StartAsync();
        using (var running = new TcpClient())
        {
            await running.ConnectAsync(IPAddress.Loopback, port);
        }

        await app.StopAsync();
        await app.DisposeAsync();

        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }

    [Theory]
    [InlineData("Development", "SpaceName", "example")]
    [InlineData("Development", "BaseAddress", "https://signalwire.example/api/relay/rest/")]
    [InlineData("Development", "ProjectId", "project")]
    [InlineData("Development", "ApiToken", "PTsecret")]
    [InlineData("Production", "SpaceName", "example")]
    [InlineData("Staging", "ApiToken", "PTsecret")]
    public async Task With_any_SignalWire_setting_configured_it_does_nothing(string environment, string key, string value)
    {
        var builder = NewBuilder(environment, $"--SignalWire:{key}={value}");

        var returned = builder.AddSignalWireMfaEmulatorInDevelopment();

        Assert.Same(builder, returned);
        Assert.Equal(value, builder.Configuration[$"SignalWire:{key}"]);
        foreach (var other in new[] { "SpaceName", "BaseAddress", "ProjectId", "ApiToken" }.Where(other => other != key))
        {
            Assert.True(string.IsNullOrEmpty(builder.Configuration[$"SignalWire:{other}"]), other);
        }

        await using var app = builder.Build();
        Assert.Null(app.Services.GetService<SignalWireMfaEmulator>());
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void Outside_Development_with_nothing_configured_it_refuses_and_names_the_settings(string environment)
    {
        var builder = NewBuilder(environment);

        var refusal = Assert.Throws<InvalidOperationException>(() => builder.AddSignalWireMfaEmulatorInDevelopment());

        Assert.Equal(
            "SignalWire is not configured. Set SignalWire:SpaceName (or SignalWire:BaseAddress), SignalWire:ProjectId "
            + "and SignalWire:ApiToken, for example as the environment variables SignalWire__SpaceName, "
            + "SignalWire__ProjectId and SignalWire__ApiToken. The SignalWire MFA emulator stands in for them only in "
            + $"Development, and this environment is '{environment}'.",
            refusal.Message);
        Assert.True(string.IsNullOrEmpty(builder.Configuration["SignalWire:BaseAddress"]));
        Assert.DoesNotContain(builder.Services, service => service.ServiceType == typeof(SignalWireMfaEmulator));
    }

    [Fact]
    public void Null_builder_is_refused_by_name()
    {
        var refusal = Assert.Throws<ArgumentNullException>(() => ((WebApplicationBuilder)null!).AddSignalWireMfaEmulatorInDevelopment());
        Assert.Equal("builder", refusal.ParamName);
    }

    [Fact]
    public async Task Phone_page_shows_the_emulator_texts_to_this_machine()
    {
        await using var site = await PhoneSite.StartAsync(Environments.Development, NothingConfigured);
        var code = await site.SendCodeAsync();

        var (status, body) = await site.GetPhoneAsync(caller: null, proxyHeader: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Development phone</h1>", body, StringComparison.Ordinal);
        Assert.Contains(code, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.7", null)]
    [InlineData("10.0.0.5", null)]
    [InlineData("2001:db8::7", null)]
    [InlineData(null, "X-Forwarded-For")]
    [InlineData(null, "Forwarded")]
    [InlineData("::1", "X-Forwarded-For")]
    public async Task Phone_page_answers_404_to_another_machine_or_through_a_proxy(string? caller, string? proxyHeader)
    {
        await using var site = await PhoneSite.StartAsync(Environments.Development, NothingConfigured);
        var code = await site.SendCodeAsync();

        var (status, body) = await site.GetPhoneAsync(caller, proxyHeader);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain(code, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Development phone", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_page_answers_404_when_SignalWire_itself_is_configured()
    {
        await using var site = await PhoneSite.StartAsync(
            Environments.Development,
            ["--SignalWire:SpaceName=example", "--SignalWire:ProjectId=project", "--SignalWire:ApiToken=PTsecret"]);

        var (status, _) = await site.GetPhoneAsync(caller: null, proxyHeader: null);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Phone_page_answers_404_outside_Development_even_with_an_emulator_registered(string environment)
    {
        // AddSignalWireMfaEmulatorInDevelopment refuses outside Development; an emulator registered by hand must not
        // make the page show codes either.
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        await using var site = await PhoneSite.StartAsync(environment, NothingConfigured, services => services.AddSingleton(emulator));
        using (var api = EmulatorApi.For(emulator))
        {
            await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        }

        var (status, body) = await site.GetPhoneAsync(caller: null, proxyHeader: null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain(emulator.Outbox[0].Code, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_page_can_live_at_another_route()
    {
        await using var site = await PhoneSite.StartAsync(Environments.Development, NothingConfigured, pattern: "/codes");

        using var moved = await site.Http.GetAsync(new Uri("/codes", UriKind.Relative));
        using var default_ = await site.Http.GetAsync(new Uri("/dev/phone", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, default_.StatusCode);
    }

    private static WebApplicationBuilder NewBuilder(string environment, params string[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            Args = [.. NothingConfigured, .. settings],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder;
    }

    /// <summary>A site on 127.0.0.1 that calls both methods, as an application's Program.cs would.</summary>
    private sealed class PhoneSite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private PhoneSite(WebApplication app, Uri root)
        {
            _app = app;
            Http = new HttpClient { BaseAddress = root };
        }

        public HttpClient Http { get; }

        public static async Task<PhoneSite> StartAsync(
            string environment, string[] settings, Action<IServiceCollection>? services = null, string? pattern = null)
        {
            var builder = NewBuilder(environment, settings);
            if (environment == Environments.Development)
            {
                builder.AddSignalWireMfaEmulatorInDevelopment();
            }

            services?.Invoke(builder.Services);
            var app = builder.Build();
            // The site listens on 127.0.0.1 only: another machine is simulated as the connection's remote address.
            app.Use((context, next) =>
            {
                if (context.Request.Headers[SimulatedCallerHeader] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return next(context);
            });
            if (pattern is null)
            {
                app.MapSignalWireDevelopmentPhone();
            }
            else
            {
                app.MapSignalWireDevelopmentPhone(pattern);
            }

            await app.StartAsync();
            var root = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new PhoneSite(app, new Uri(root + "/"));
        }

        public async Task<string> SendCodeAsync()
        {
            var emulator = _app.Services.GetRequiredService<SignalWireMfaEmulator>();
            using var api = EmulatorApi.For(emulator);
            await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
            return await emulator.NextCodeAsync(EmulatorApi.Number, TimeSpan.FromSeconds(5));
        }

        public async Task<(HttpStatusCode Status, string Body)> GetPhoneAsync(string? caller, string? proxyHeader)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dev/phone", UriKind.Relative));
            if (caller is not null)
            {
                request.Headers.Add(SimulatedCallerHeader, caller);
            }

            if (proxyHeader is not null)
            {
                request.Headers.Add(proxyHeader, proxyHeader == "Forwarded" ? "for=203.0.113.7" : "203.0.113.7");
            }

            using var response = await Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Addresses_are_loopback_with_a_free_port_and_a_trailing_slash()
    {
        await using var first = await SignalWireMfaEmulator.StartAsync();
        await using var second = await SignalWireMfaEmulator.StartAsync();

        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.NotEqual(0, first.BaseAddress.Port);
        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
        Assert.Equal($"http://127.0.0.1:{first.BaseAddress.Port}/api/relay/rest/", first.BaseAddress.AbsoluteUri);
        Assert.Equal($"http://127.0.0.1:{first.BaseAddress.Port}/", first.RootAddress.AbsoluteUri);
    }

    [Fact]
    public async Task Server_listens_on_127_0_0_1_only()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        var port = emulator.BaseAddress.Port;

        using (var loopback = new TcpClient())
        {
            await loopback.ConnectAsync(IPAddress.Loopback, port);
            Assert.True(loopback.Connected);
        }

        var otherAddresses = NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => !IPAddress.IsLoopback(address) && address.AddressFamily == AddressFamily.InterNetwork)
            .Append(IPAddress.IPv6Loopback);
        foreach (var address in otherAddresses)
        {
            using var client = new TcpClient(address.AddressFamily);
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(address, port));
        }
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_frees_the_port()
    {
        var emulator = await SignalWireMfaEmulator.StartAsync();
        var port = emulator.BaseAddress.Port;
        using var api = EmulatorApi.For(emulator);
        using (var before = await api.PostAsync("mfa/sms", new JsonObject { ["to"] = EmulatorApi.Number }))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await emulator.DisposeAsync();

        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
        await using var again = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions { Port = port });
        Assert.Equal(port, again.BaseAddress.Port);
    }

    [Fact]
    public async Task AcceptedConnections_counts_tcp_connections_not_requests()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        for (var i = 0; i < 3; i++)
        {
            using var response = await api.PostAsync("mfa/sms", new JsonObject { ["to"] = EmulatorApi.Number });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, emulator.AcceptedConnections);
        using var otherClient = EmulatorApi.For(emulator);
        using (await otherClient.PostAsync("mfa/sms", new JsonObject { ["to"] = EmulatorApi.Number }))
        {
        }

        Assert.Equal(2, emulator.AcceptedConnections);
    }

    [Fact]
    public async Task Latency_delays_every_api_answer_but_not_the_phone_page()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions
        {
            Latency = TimeSpan.FromSeconds(1),
        });
        using var api = EmulatorApi.For(emulator);
        using var browser = new HttpClient { BaseAddress = emulator.RootAddress };
        using (await browser.GetAsync(emulator.RootAddress))
        {
        }

        var watch = Stopwatch.StartNew();
        using var sent = await api.PostAsync("mfa/sms", new JsonObject { ["to"] = EmulatorApi.Number });
        var apiElapsed = watch.Elapsed;
        watch.Restart();
        using var page = await browser.GetAsync(emulator.RootAddress);
        var pageElapsed = watch.Elapsed;

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.True(apiElapsed >= TimeSpan.FromMilliseconds(950), $"api answered after {apiElapsed}");
        Assert.True(pageElapsed < TimeSpan.FromMilliseconds(900), $"page answered after {pageElapsed}");
    }

    [Fact]
    public async Task Invalid_options_fail_at_start()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions
        {
            TestNumbers = { ["5551234567"] = "123456" },
        }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions
        {
            Port = 70000,
        }));
    }

    [Fact]
    public async Task Routes_can_be_mapped_inside_another_application_under_a_prefix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalWireMfaEmulator(options =>
        {
            options.ProjectId = "project";
            options.ApiToken = "PTsecret";
        });
        await using var app = builder.Build();
        app.MapGet("/", () => "the host application");
        app.MapGroup("/signalwire").MapSignalWireMfaEmulator();
        await app.StartAsync();
        var root = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/");
        using var http = new HttpClient { BaseAddress = root };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("project:PTsecret"u8.ToArray()));

        using var sent = await http.PostAsync(
            new Uri("signalwire/api/relay/rest/mfa/sms", UriKind.Relative),
            new StringContent("""{"to":"+12015551234"}""", System.Text.Encoding.UTF8, "application/json"));
        var hostRoot = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var phone = await http.GetStringAsync(new Uri("signalwire/", UriKind.Relative));
        var state = app.Services.GetRequiredService<SignalWireMfaEmulatorState>();

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("the host application", hostRoot);
        Assert.Contains(state.Outbox[0].Text, phone, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("203.0.113.7", null)]
    [InlineData("2001:db8::7", null)]
    [InlineData("127.0.0.1", "X-Forwarded-For")]
    [InlineData("127.0.0.1", "Forwarded")]
    public async Task Control_routes_mapped_inside_an_application_answer_only_this_machine(string caller, string? proxyHeader)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalWireMfaEmulator(options =>
        {
            options.ProjectId = "project";
            options.ApiToken = "PTsecret";
        });
        await using var app = builder.Build();
        // The test listens on 127.0.0.1 only: another machine is simulated as the connection's remote address.
        app.Use((context, next) =>
        {
            if (context.Request.Headers["X-Test-Remote-Address"] is [{ } address])
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            }

            return next(context);
        });
        app.MapGroup("/signalwire").MapSignalWireMfaEmulator();
        await app.StartAsync();
        var root = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/");
        using var http = new HttpClient { BaseAddress = root };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("project:PTsecret"u8.ToArray()));
        using var sent = await http.PostAsync(
            new Uri("signalwire/api/relay/rest/mfa/sms", UriKind.Relative),
            new StringContent("""{"to":"+12015551234"}""", System.Text.Encoding.UTF8, "application/json"));
        var code = app.Services.GetRequiredService<SignalWireMfaEmulatorState>().Outbox[0].Code;

        async Task<(HttpStatusCode Status, string Body)> CallAsync(HttpMethod method, string path, bool fromOutside)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (fromOutside)
            {
                request.Headers.Add("X-Test-Remote-Address", caller);
                if (proxyHeader is not null)
                {
                    request.Headers.Add(proxyHeader, "for=203.0.113.7");
                }
            }

            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("""{"kind":"drop"}""", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        string[] paths = ["signalwire/", "signalwire/emulator/outbox", "signalwire/emulator/faults"];
        foreach (var path in paths)
        {
            var outside = await CallAsync(HttpMethod.Get, path, fromOutside: true);
            Assert.Equal(HttpStatusCode.NotFound, outside.Status);
            Assert.DoesNotContain(code, outside.Body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(HttpMethod.Get, path, fromOutside: false)).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Post, "signalwire/emulator/faults", fromOutside: true)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Delete, "signalwire/emulator/faults", fromOutside: true)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Delete, "signalwire/emulator/outbox", fromOutside: true)).Status);
        Assert.Equal(0, app.Services.GetRequiredService<SignalWireMfaEmulatorState>().Faults.Pending);
        Assert.Single(app.Services.GetRequiredService<SignalWireMfaEmulatorState>().Outbox);
        // SignalWire's own routes need the API token, not this machine: the application's own site calls them.
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await app.StopAsync();
    }
}

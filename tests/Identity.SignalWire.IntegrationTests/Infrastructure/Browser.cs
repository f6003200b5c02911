using System.Net;
using System.Net.Http.Json;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// A user's browser: an HttpClient with its own cookie jar that walks the login flow of one <see cref="TestApp"/>.
/// The methods return the raw response; the tests assert on status codes and bodies.
/// </summary>
internal sealed class Browser : IDisposable
{
    private readonly HttpClient _http;

    public Browser(Uri address, CookieContainer cookies)
    {
        Address = address;
        Cookies = cookies;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri Address { get; }

    /// <summary>Sets the languages this browser asks for, as its Accept-Language header: "fr-CA" or "fr-FR,fr;q=0.9".</summary>
    public Browser AcceptLanguage(string languages)
    {
        _http.DefaultRequestHeaders.AcceptLanguage.Clear();
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(languages);
        return this;
    }

    public CookieContainer Cookies { get; }

    /// <summary>
    /// The same browser, cookies included, talking to <paramref name="other"/>: the load balancer sent the next request
    /// to another instance. Cookies are copied explicitly: the instances differ only by port, and the test should not
    /// depend on whether the cookie jar tells ports apart.
    /// </summary>
    public Browser SwitchTo(TestApp other)
    {
        foreach (Cookie cookie in Cookies.GetCookies(Address))
        {
            Cookies.Add(other.Address, new Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        return new Browser(other.Address, Cookies);
    }

    public Task<HttpResponseMessage> LoginAsync(string email, string password = TestApp.Password) =>
        _http.PostAsJsonAsync("login", new LoginForm(email, password));

    public Task<HttpResponseMessage> SendCodeAsync(string provider) =>
        _http.PostAsync($"2fa/send?provider={Uri.EscapeDataString(provider)}", content: null);

    public Task<HttpResponseMessage> VerifyAsync(string provider, string code) =>
        _http.PostAsJsonAsync("2fa/verify", new CodeForm(provider, code));

    public Task<HttpResponseMessage> MeAsync() => _http.GetAsync("me");

    /// <summary>A GET of any endpoint of the site, such as one that requires step-up.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>A request as a browser or an API client sends it: what it accepts, and an empty form post.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accept = null, bool form = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (form)
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>A POST of any endpoint of the site, with <paramref name="body"/> as JSON when there is one.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        body is null ? _http.PostAsync(path, content: null) : _http.PostAsJsonAsync(path, body);

    /// <summary>Logs in with the password and asserts that a code is now required.</summary>
    public async Task LoginExpectingCodeAsync(string email)
    {
        using var response = await LoginAsync(email);
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        var outcome = await response.Content.ReadFromJsonAsync<LoginOutcome>();
        Assert.Equal(new LoginOutcome(Succeeded: false, RequiresTwoFactor: true), outcome);
    }

    /// <summary>Asks for a code and asserts that SignalWire accepted the request.</summary>
    public async Task SendCodeExpectingSuccessAsync(string provider)
    {
        using var response = await SendCodeAsync(provider);
        await Expect.StatusAsync(HttpStatusCode.NoContent, response);
    }

    public void Dispose() => _http.Dispose();
}

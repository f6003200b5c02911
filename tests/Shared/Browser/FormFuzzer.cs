using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Identity.SignalWire.Testing.Browser;

/// <summary>
/// Finds every form a signed-in (or signed-out) browser context can reach by following links from a few start pages,
/// and posts each of them once per field and per kind of garbage, with that field alone spoiled and the rest filled in
/// as a person would, over real HTTP with the context's cookies and the form's own antiforgery token. Forms are found
/// in the rendered HTML, so a form added to a sample later is covered without a change here.
/// </summary>
public sealed class FormFuzzer(IBrowserContext context, Uri site)
{
    /// <summary>The garbage each field gets in turn; a <see langword="null"/> value leaves the field out of the post.</summary>
    public static readonly IReadOnlyList<(string Kind, string? Value)> Garbage =
    [
        ("huge number", "99999999999999999999999999"),
        ("long", "99999999999999"),
        ("negative", "-2147483649"),
        ("empty", string.Empty),
        ("missing", null),
        ("10 kB", new string('9', 5_000) + new string('x', 5_240)),
        ("non-ASCII", "ünïcødé 日本語 🙂 \u202Eevil\u0000"),
        ("script", "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"),
        ("wrong enum", "NotAChoice"),
        ("bad date", "2024-13-45T25:61:61Z"),
        ("URL", "https://evil.example/\\\\evil.example/%2F%2Fevil"),
    ];

    private const string ExtractScript = """
        ([html, url]) => {
            const doc = new DOMParser().parseFromString(html, 'text/html');
            const baseElement = doc.querySelector('base[href]');
            const base = baseElement ? new URL(baseElement.getAttribute('href'), url).href : url;
            const resolve = (value, fallback) => value ? new URL(value, base).href : fallback;
            const valueOf = e => {
                if (e.tagName === 'SELECT') {
                    const option = e.querySelector('option[selected]') || e.querySelector('option');
                    return option ? (option.getAttribute('value') ?? option.textContent) : '';
                }
                return e.tagName === 'TEXTAREA' ? e.textContent : (e.getAttribute('value') ?? '');
            };
            return {
                links: [...doc.querySelectorAll('a[href]')].map(a => resolve(a.getAttribute('href'), url)),
                forms: [...doc.querySelectorAll('form')].map(f => ({
                    action: resolve(f.getAttribute('action'), url),
                    method: (f.getAttribute('method') || 'get').toLowerCase(),
                    fields: [...f.querySelectorAll('input[name], select[name], textarea[name]')]
                        .filter(e => !e.disabled)
                        .map(e => ({
                            name: e.getAttribute('name'),
                            type: e.tagName === 'INPUT' ? (e.getAttribute('type') || 'text').toLowerCase() : e.tagName.toLowerCase(),
                            value: valueOf(e),
                            checked: e.hasAttribute('checked'),
                        })),
                    buttons: [...f.querySelectorAll('button, input[type=submit]')]
                        .filter(b => (b.getAttribute('type') || 'submit').toLowerCase() === 'submit')
                        .map(b => ({
                            name: b.getAttribute('name') || '',
                            value: b.getAttribute('value') || '',
                            action: b.getAttribute('formaction') ? resolve(b.getAttribute('formaction'), url) : '',
                        })),
                })),
            };
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HashSet<string> _formsSeen = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FuzzedForm> _forms = [];
    private readonly List<(string Action, List<KeyValuePair<string, string>> Defaults)> _posted = [];
    private readonly List<string> _failures = [];
    private IPage? _parser;

    /// <summary>Gets or sets which paths (no query) the crawl follows and whose forms it posts; all by default.</summary>
    public Func<string, bool> InScope { get; init; } = _ => true;

    /// <summary>Gets or sets the e-mail a person would type into an e-mail field.</summary>
    public string Email { get; init; } = "someone@example.com";

    /// <summary>Gets or sets the password a person would type into a password field.</summary>
    public string Password { get; init; } = "Some-Passw0rd!";

    /// <summary>Gets or sets the number a person would type into a phone field.</summary>
    public string PhoneNumber { get; init; } = "+12015550123";

    /// <summary>Gets the forms posted, with the fields each had.</summary>
    public IReadOnlyList<FuzzedForm> Forms => _forms;

    /// <summary>Gets how many posts were made.</summary>
    public int Posts { get; private set; }

    /// <summary>Gets every post that answered 500, described.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Crawls from <paramref name="startPaths"/> and posts garbage into every form found.</summary>
    public async Task RunAsync(params string[] startPaths)
    {
        _parser = await context.NewPageAsync();
        var queue = new Queue<Uri>(startPaths.Select(path => new Uri(site, path)));
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<(Uri Page, FormShape Form)>();
        while (queue.Count > 0 || pending.Count > 0)
        {
            if (pending.Count > 0)
            {
                var (page, form) = pending.Dequeue();
                await FuzzAsync(page, form, pending);
                continue;
            }

            var url = queue.Dequeue();
            if (!visited.Add(url.GetLeftPart(UriPartial.Path)))
            {
                continue;
            }

            var response = await context.APIRequest.GetAsync(url.AbsoluteUri);
            var body = await response.TextAsync();
            Check(response.Status, "GET " + url.PathAndQuery, body);
            if (!IsHtml(response))
            {
                continue;
            }

            var found = await ExtractAsync(body, new Uri(response.Url));
            foreach (var link in found.Links.Select(link => new Uri(link)))
            {
                if (link.Host == site.Host && link.Port == site.Port && InScope(link.AbsolutePath))
                {
                    queue.Enqueue(new Uri(link.GetLeftPart(UriPartial.Query)));
                }
            }

            Enqueue(new Uri(response.Url), found, pending);
        }

        await _parser.CloseAsync();
    }

    private void Enqueue(Uri page, PageShape found, Queue<(Uri, FormShape)> pending)
    {
        foreach (var form in found.Forms.Where(form => form.Method == "post"))
        {
            foreach (var variant in form.Variants())
            {
                var action = new Uri(variant.Action);
                if (action.Host != site.Host || action.Port != site.Port || !InScope(action.AbsolutePath))
                {
                    continue;
                }

                var handler = System.Web.HttpUtility.ParseQueryString(action.Query)["handler"];
                var key = action.AbsolutePath + "?handler=" + handler + "&" + string.Join('&', variant.Fields.Select(field => field.Name).Distinct().Order(StringComparer.Ordinal))
                    + "|" + variant.Buttons.FirstOrDefault()?.Name + "=" + variant.Buttons.FirstOrDefault()?.Value;
                if (_formsSeen.Add(key))
                {
                    pending.Enqueue((page, variant));
                }
            }
        }
    }

    private async Task FuzzAsync(Uri page, FormShape form, Queue<(Uri, FormShape)> pending)
    {
        var defaults = DefaultsOf(form);
        var fields = form.Fields
            .Where(field => field.Name != "__RequestVerificationToken" && field.Type is not ("submit" or "button" or "reset" or "image"))
            .Select(field => field.Name)
            .Concat(form.Buttons.Where(button => button.Name.Length > 0).Select(button => button.Name))
            .Distinct()
            .ToList();
        _forms.Add(new FuzzedForm(page.AbsolutePath, new Uri(form.Action).PathAndQuery, fields));
        if (fields.Count == 0)
        {
            // Only a token to post: a button such as "Turn off two-factor sign-in". Nothing to spoil, so not pressed.
            return;
        }

        _posted.Add((form.Action, defaults));

        // Once as a person fills it in: a send leads to the code box, whose form is then posted too.
        await PostAndFollowAsync(page, form.Action, defaults, "every field as typed", pending);
        foreach (var field in fields)
        {
            foreach (var (kind, value) in Garbage)
            {
                var pairs = defaults.Where(pair => pair.Key != field).ToList();
                if (value is not null)
                {
                    pairs.Add(new(field, value));
                }

                await PostAndFollowAsync(page, form.Action, pairs, $"{field} = {kind}", pending);
            }
        }
    }

    private async Task PostAndFollowAsync(Uri page, string action, List<KeyValuePair<string, string>> pairs, string what, Queue<(Uri, FormShape)> pending)
    {
        var response = await PostAsync(action, pairs, $"{what} (form on {page.AbsolutePath})");
        if (response.Status == 200 && IsHtml(response))
        {
            // A post can lead to a form no GET shows (the code box after a send): post that one too.
            Enqueue(new Uri(response.Url), await ExtractAsync(await response.TextAsync(), new Uri(response.Url)), pending);
        }
    }

    /// <summary>
    /// Posts every form fuzzed so far once more, as a person would fill it in, with the same tokens: after the test has
    /// changed the session (the two-factor step expired), each handler must cope with that too.
    /// </summary>
    public async Task PostEachFormAgainAsync(string situation)
    {
        foreach (var (action, defaults) in _posted)
        {
            await PostAsync(action, defaults, situation);
        }
    }

    private async Task<IAPIResponse> PostAsync(string action, List<KeyValuePair<string, string>> pairs, string what)
    {
        var response = await context.APIRequest.PostAsync(action, new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            DataByte = Encoding.UTF8.GetBytes(string.Join('&', pairs.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value)))),
        });
        Posts++;
        Check(response.Status, $"POST {new Uri(action).PathAndQuery} with {what}", await response.TextAsync());
        return response;
    }

    private List<KeyValuePair<string, string>> DefaultsOf(FormShape form)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var radiosDone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            switch (field.Type)
            {
                case "checkbox":
                    if (field.Checked)
                    {
                        pairs.Add(new(field.Name, field.Value.Length == 0 ? "on" : field.Value));
                    }

                    break;
                case "radio":
                    var group = form.Fields.Where(other => other.Name == field.Name).ToList();
                    if (radiosDone.Add(field.Name))
                    {
                        pairs.Add(new(field.Name, (group.FirstOrDefault(other => other.Checked) ?? group[0]).Value));
                    }

                    break;
                case "submit" or "button" or "reset" or "image":
                    break;
                default:
                    pairs.Add(new(field.Name, field.Value.Length > 0 || field.Type == "hidden" ? field.Value : TypedValue(field)));
                    break;
            }
        }

        if (form.Buttons.FirstOrDefault() is { Name.Length: > 0 } button)
        {
            pairs.Add(new(button.Name, button.Value));
        }

        return pairs;
    }

    // What a person would type: the right kind of value, so that the one spoiled field is what the page must handle.
    private string TypedValue(FieldShape field)
    {
        var name = field.Name.ToUpperInvariant();
        return field.Type switch
        {
            "email" => Email,
            "password" => Password,
            "tel" => PhoneNumber,
            "number" => "1",
            _ when name.Contains("EMAIL", StringComparison.Ordinal) => Email,
            _ when name.Contains("PASSWORD", StringComparison.Ordinal) => Password,
            _ when name.Contains("PHONE", StringComparison.Ordinal) => PhoneNumber,
            _ when name.Contains("CODE", StringComparison.Ordinal) => "123456",
            _ => "text",
        };
    }

    /// <summary>
    /// Writes what was covered to <paramref name="output"/>, then fails on any 500 and on any error the site logged with
    /// an exception since <paramref name="logLinesBefore"/> (an exception a page caught and answered well is not logged so).
    /// </summary>
    public void AssertNoServerError(LogCapture logs, int logLinesBefore, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{_forms.Count} forms, {_forms.Sum(form => form.Fields.Count)} fields, {Posts} posts:");
        foreach (var form in _forms)
        {
            output.WriteLine($"  {form.Action} (on {form.Page}): {string.Join(", ", form.Fields)}");
        }

        var errors = logs.Lines.Skip(logLinesBefore).Where(line => line.Level >= LogLevel.Error && line.Exception is not null).ToList();
        Assert.True(_failures.Count == 0 && errors.Count == 0, string.Join('\n', _failures.Concat(errors.Select(line => line.ToString())).Select(Shorten)));
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private void Check(int status, string what, string body)
    {
        if (status >= 500)
        {
            var title = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase) is var start and >= 0
                ? body[(start + 7)..Math.Min(body.Length, start + 200)]
                : body[..Math.Min(body.Length, 200)];
            _failures.Add(Shorten($"{status} {what}: {WebUtility.HtmlDecode(title)}"));
        }
    }

    private static bool IsHtml(IAPIResponse response) =>
        response.Headers.TryGetValue("content-type", out var type) && type.Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private async Task<PageShape> ExtractAsync(string html, Uri url)
    {
        var shape = await _parser!.EvaluateAsync<JsonElement>(ExtractScript, new[] { html, url.AbsoluteUri });
        return shape.Deserialize<PageShape>(Json)!;
    }

    private sealed record PageShape(List<string> Links, List<FormShape> Forms);

    private sealed record FormShape(string Action, string Method, List<FieldShape> Fields, List<ButtonShape> Buttons)
    {
        // Each submit button that posts elsewhere or under another name is a way to submit the form (buttons that share a
        // name are one choice, as the language buttons are); the first is the default.
        public IEnumerable<FormShape> Variants()
        {
            var distinct = Buttons.Where(button => button.Name.Length > 0 || button.Action.Length > 0).DistinctBy(button => (button.Name, button.Action)).ToList();
            if (distinct.Count == 0)
            {
                yield return this with { Buttons = [] };
                yield break;
            }

            foreach (var button in distinct)
            {
                yield return this with { Action = button.Action.Length > 0 ? button.Action : Action, Buttons = [button] };
            }
        }
    }

    private sealed record FieldShape(string Name, string Type, string Value, bool Checked);

    private sealed record ButtonShape(string Name, string Value, string Action);
}

/// <summary>A form the fuzzer posted garbage into.</summary>
/// <param name="Page">The path of the page it was found on.</param>
/// <param name="Action">Where it posts.</param>
/// <param name="Fields">The fields that got garbage, one at a time.</param>
public sealed record FuzzedForm(string Page, string Action, IReadOnlyList<string> Fields);

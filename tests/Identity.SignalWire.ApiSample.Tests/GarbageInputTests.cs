using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Identity.SignalWire.ApiSample.Tests.Support;

namespace Identity.SignalWire.ApiSample.Tests;

/// <summary>
/// Garbage in every field of every endpoint, signed in where the endpoint needs it: always a 400 problem document, never
/// a 500 and never a code sent.
/// </summary>
public sealed class GarbageInputTests(ApiSite site) : IClassFixture<ApiSite>
{
    private static readonly (string Method, string Path, string[] Fields)[] Endpoints =
    [
        ("POST", "login/phone/send-code", ["email", "password", "channel"]),
        ("POST", "login/phone", ["email", "password", "twoFactorCode", "twoFactorRecoveryCode"]),
        ("POST", "manage/phone", ["phoneNumber"]),
        ("POST", "manage/phone/confirm", ["phoneNumber", "code"]),
        ("POST", "manage/phone/two-factor", ["enabled"]),
        ("POST", "manage/step-up/send-code", ["channel"]),
        ("POST", "manage/step-up", ["method", "code"]),
    ];

    // Values of the wrong JSON type, or strings no field accepts.
    private static readonly string[] WrongTypes = ["123", "{}", "[\"a\"]", "true", "1.5e308"];
    private static readonly string[] BadStrings = ["\"\"", "\"" + new string('9', 5000) + "\"", "\"\\u0000\\u202e<script>\"", "\"+1 (201) 555-0123 ext. 9; DROP TABLE\""];
    private static readonly string[] WholeBodies = ["", "not json", "null", "[]", "\"a string\"", "{", "{\"email\": }"];

    [Fact]
    public async Task GarbageInEveryField_IsA400Problem_NeverA500()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var token = await ApiSite.SignInAsync(client, user);
        var sentBefore = user.Phone.MessagesSent();
        var failures = new List<string>();

        foreach (var (method, path, fields) in Endpoints)
        {
            foreach (var body in WholeBodies)
            {
                await ExpectBadRequestAsync(client, token, method, path, body, "application/json", failures);
            }

            await ExpectBadRequestAsync(client, token, method, path, "{\"phoneNumber\":\"+12015550123\"}", "text/plain", failures);
            foreach (var field in fields)
            {
                foreach (var value in Garbage(field))
                {
                    await ExpectBadRequestAsync(client, token, method, path, Valid(path, user, field, value), "application/json", failures);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(sentBefore, user.Phone.MessagesSent());
    }

    [Theory]
    [InlineData("login/phone?useCookies=maybe")]
    [InlineData("login/phone?useSessionCookies=1")]
    public async Task AGarbageQuery_IsA400Problem(string path)
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        using var answer = await client.PostAsync(path, new StringContent(JsonSerializer.Serialize(new { user.Email, user.Password, twoFactorCode = "123456" }), Encoding.UTF8, "application/json"));
        await Answers.ProblemAsync(answer, HttpStatusCode.BadRequest, "urn:identity-signalwire:invalid-request");
        Assert.Equal(0, (await site.LockoutStateAsync(user)).AccessFailedCount);
    }

    [Theory]
    [InlineData("manage/phone/code")]
    [InlineData("manage/phone/code?purpose=sign-in")]
    [InlineData("manage/phone/code?purpose=confirmation")]
    [InlineData("manage/phone/code?purpose=confirmation&phoneNumber=%00%00")]
    public async Task AGarbagePendingCodeQuery_IsA400Problem(string path)
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var token = await ApiSite.SignInAsync(client, user);
        using var answer = await client.SendAsync(Answers.Bearer(HttpMethod.Get, path, token));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    // Whatever the field is, these are not of it. A password may be any string but an empty or a huge one: other strings
    // are answered as a wrong password is (the sign-in tests pin that down).
    private static IEnumerable<string> Garbage(string field) => field switch
    {
        "enabled" => ["123", "{}", "[\"a\"]", "\"yes\"", "null", "1.5e308"],
        "password" => [.. WrongTypes, BadStrings[0], BadStrings[1]],
        _ => [.. WrongTypes, .. BadStrings],
    };

    // A body that is right but for one field.
    private static string Valid(string path, ApiUser user, string field, string value)
    {
        var fields = new Dictionary<string, string>
        {
            ["email"] = JsonSerializer.Serialize(user.Email),
            ["password"] = JsonSerializer.Serialize(user.Password),
        };
        switch (path)
        {
            case "login/phone":
                fields["twoFactorCode"] = "\"123456\"";
                break;
            case "manage/phone":
                fields = new() { ["phoneNumber"] = "\"+12015550199\"" };
                break;
            case "manage/phone/confirm":
                fields = new() { ["phoneNumber"] = "\"+12015550199\"", ["code"] = "\"123456\"" };
                break;
            case "manage/phone/two-factor":
                fields = new() { ["enabled"] = "true" };
                break;
            case "manage/step-up/send-code":
                fields = new() { ["channel"] = "\"sms\"" };
                break;
            case "manage/step-up":
                fields = new() { ["method"] = "\"sms\"", ["code"] = "\"123456\"" };
                break;
        }

        if (path == "login/phone" && field == "twoFactorRecoveryCode")
        {
            // One of the two codes, not both: the recovery code alone carries the garbage.
            fields.Remove("twoFactorCode");
        }

        fields[field] = value;
        return "{" + string.Join(",", fields.Select(pair => JsonSerializer.Serialize(pair.Key) + ":" + pair.Value)) + "}";
    }

    private static async Task ExpectBadRequestAsync(HttpClient client, System.Text.Json.JsonElement token, string method, string path, string body, string mediaType, List<string> failures)
    {
        using var request = Answers.Bearer(new HttpMethod(method), path, token);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var answer = await client.SendAsync(request);
        var shown = body.Length > 60 ? body[..60] + "…" : body;
        if (answer.StatusCode != HttpStatusCode.BadRequest || answer.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{method} {path} {mediaType} {shown}: {(int)answer.StatusCode} {answer.Content.Headers.ContentType?.MediaType} {await answer.Content.ReadAsStringAsync()}");
        }
    }
}

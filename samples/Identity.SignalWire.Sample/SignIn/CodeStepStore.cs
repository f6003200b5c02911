using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Identity.SignalWire.Sample.SignIn;

/// <summary>Reads and writes <see cref="CodeStep"/> cookies, encrypted and signed with Data Protection.</summary>
public sealed class CodeStepStore(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("Identity.SignalWire.Sample.CodeStep.v1");

    /// <summary>The step of <paramref name="userId"/>, or <see langword="null"/> when there is none or it is unreadable.</summary>
    public CodeStep? Read(HttpContext context, CodeStepKind kind, string userId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName(kind), out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var step = JsonSerializer.Deserialize<CodeStep>(protector.Unprotect(value));
            return step is not null && string.Equals(step.UserId, userId, StringComparison.Ordinal) ? step : null;
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            // A cookie from an older key or a tampered one: start the step afresh.
            return null;
        }
    }

    /// <summary>Saves the step for the rest of the browser session.</summary>
    public void Write(HttpContext context, CodeStepKind kind, CodeStep step)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(CookieName(kind), protector.Protect(JsonSerializer.Serialize(step)), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
        });
    }

    /// <summary>Forgets the step: after a successful code, or at log out.</summary>
    public void Clear(HttpContext context, CodeStepKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName(kind), new CookieOptions { Path = "/" });
    }

    private static string CookieName(CodeStepKind kind) =>
        kind == CodeStepKind.SignIn ? ".Sample.SignInCode" : ".Sample.PhoneCode";
}

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.UI.DefaultUI;

/// <summary>
/// Puts every stock page that changes a factor, and the drop-in phone page, behind step-up. By path, not by page type:
/// a page the application scaffolded at the same path is guarded just the same.
/// </summary>
internal sealed class DefaultUIConventions : IPostConfigureOptions<RazorPagesOptions>
{
    /// <summary>The pages, under <c>/Account/Manage/</c> of the Identity area, that change a factor or the password.</summary>
    public static readonly IReadOnlyList<string> StepUpPages =
    [
        "PhoneNumber",
        "Disable2fa",
        "GenerateRecoveryCodes",
        "EnableAuthenticator",
        "ResetAuthenticator",
        "ChangePassword",
        "SetPassword",
        "ExternalLogins",
    ];

    public void PostConfigure(string? name, RazorPagesOptions options)
    {
        foreach (var page in StepUpPages)
        {
            options.Conventions.AuthorizeAreaPage("Identity", "/Account/Manage/" + page, SignalWireDefaults.StepUpPolicy);
        }
    }
}

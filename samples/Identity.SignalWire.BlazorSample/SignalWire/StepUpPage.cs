namespace Identity.SignalWire.BlazorSample.SignalWire;

/// <summary>Where the Blazor sample asks for step-up (see <see cref="Samples.StepUp{TUser}"/>), and how to come back.</summary>
public static class StepUpPage
{
    /// <summary>The page that asks for the fresh code.</summary>
    public const string Path = "Account/Manage/ConfirmIdentity";

    /// <summary>The page's query: return to <paramref name="returnUrl"/> afterwards.</summary>
    public static Dictionary<string, object?> Query(string returnUrl) => new() { ["ReturnUrl"] = returnUrl };
}

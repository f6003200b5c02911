using Identity.SignalWire.UI.Components.Internal;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;


namespace Identity.SignalWire.UI;

/// <summary>Registers the Blazor components for the account pages of the <c>dotnet new blazor --auth Individual</c> template.</summary>
public static class SignalWireBlazorUIIdentityBuilderExtensions
{
    /// <summary>The step-up page the components and <see cref="RequireStepUpAttribute"/> send a browser to, unless set.</summary>
    public const string DefaultStepUpPath = "/Account/Manage/ConfirmIdentity";

    /// <summary>
    /// Adds what the components in <c>Identity.SignalWire.UI.Components</c> need, and the library's step-up
    /// (<c>AddSignalWireStepUp()</c>, settings from <c>SignalWire:StepUp</c>) with its page at
    /// <see cref="DefaultStepUpPath"/> unless <see cref="SignalWireStepUpOptions.StepUpPath"/> is set. Call it after
    /// <c>AddSignalWireTokenProviders()</c>.
    /// </summary>
    /// <param name="builder">The Identity builder.</param>
    /// <returns>The builder, to chain further calls.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSignalWireTokenProviders()</c> was not called first.</exception>
    public static IdentityBuilder AddSignalWireBlazorUI(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSignalWireStepUp();
        builder.Services.PostConfigure<SignalWireStepUpOptions>(options =>
        {
            if (!options.StepUpPath.HasValue)
            {
                options.StepUpPath = DefaultStepUpPath;
            }
        });

        builder.Services.AddLocalization();
        builder.Services.TryAddSingleton<CodeBox>();
        builder.Services.TryAddScoped(typeof(CodeSteps<>));
        return builder;
    }
}

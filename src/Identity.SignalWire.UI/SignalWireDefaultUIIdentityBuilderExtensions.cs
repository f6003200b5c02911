using Identity.SignalWire;
using Identity.SignalWire.UI.DefaultUI;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In Identity's namespace, beside AddDefaultUI: the stock template's Program.cs already has the using it needs.
namespace Microsoft.AspNetCore.Identity;

/// <summary>Adds phone two-factor pages to the default Identity UI (<c>AddDefaultIdentity</c> / <c>AddDefaultUI</c>).</summary>
public static class SignalWireDefaultUIIdentityBuilderExtensions
{
    /// <summary>The drop-in step-up page, where a factor change without a fresh proof is sent.</summary>
    private const string StepUpPath = "/Identity/Account/Manage/ConfirmIdentity";

    private const string IdentityUIAssemblyName = "Microsoft.AspNetCore.Identity.UI";

    /// <summary>
    /// Replaces the default Identity UI's second sign-in step with one that offers a text, a call, the authenticator
    /// app and a recovery code; adds a phone number page (and its item in the manage menu) that confirms a number with
    /// a code to it; puts every page that changes a factor or the password behind step-up, with a step-up page of its
    /// own; and makes the profile page show the phone number without editing it, so that no stock form can unconfirm it.
    /// The pages keep the stock URLs and look, and a page the application scaffolded at the same path still wins.
    /// </summary>
    /// <remarks>
    /// Adds what it needs that is not there yet: the SignalWire token providers (settings from the <c>"SignalWire"</c>
    /// section) and step-up (settings from <c>"SignalWire:StepUp"</c>, with <see cref="SignalWireStepUpOptions.StepUpPath"/>
    /// set to the drop-in page unless the application set one). Call <c>AddSignalWireTokenProviders(...)</c> or
    /// <c>AddSignalWireStepUp(...)</c> before it to configure them in code.
    /// </remarks>
    /// <param name="builder">The Identity builder of <c>AddDefaultIdentity</c>, or of <c>AddIdentity</c> with <c>AddDefaultUI</c>.</param>
    /// <returns>The builder, to chain further calls.</returns>
    public static IdentityBuilder AddSignalWireDefaultUI(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var pendingCodesType = typeof(SignalWirePendingCodes<>).MakeGenericType(builder.UserType);
        if (!services.Any(service => service.ServiceType == pendingCodesType))
        {
            builder.AddSignalWireTokenProviders();
        }

        // A second call only adds settings; the services are added once.
        builder.AddSignalWireStepUp();
        services.PostConfigure<SignalWireStepUpOptions>(options =>
        {
            if (!options.StepUpPath.HasValue)
            {
                options.StepUpPath = StepUpPath;
            }
        });

        services.TryAddScoped(typeof(TwoFactorAccount), typeof(TwoFactorAccount<>).MakeGenericType(builder.UserType));
        services.TryAddScoped<CodeWords>();
        services.AddLocalization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<RazorPagesOptions>, DefaultUIConventions>());
        services.AddMvcCore().ConfigureApplicationPartManager(PutPagesBeforeIdentityUI);
        return builder;
    }

    // Pages at the same path: the first part wins. The SDK lists this assembly before Identity.UI already (the
    // application's reference to it becomes an ApplicationPart attribute); this keeps it so if a host built its parts
    // otherwise. Never appended after Identity.UI, where the stock pages would win.
    private static void PutPagesBeforeIdentityUI(ApplicationPartManager manager)
    {
        var assembly = typeof(SignalWireDefaultUIIdentityBuilderExtensions).Assembly;
        var parts = manager.ApplicationParts;
        var identityUI = parts.ToList().FindIndex(part => part.Name == IdentityUIAssemblyName);
        var ours = parts.ToList().FindIndex(part => part.Name == assembly.GetName().Name);
        if (ours >= 0 && (identityUI < 0 || ours < identityUI))
        {
            return;
        }

        foreach (var part in parts.Where(part => part.Name == assembly.GetName().Name).ToList())
        {
            parts.Remove(part);
        }

        var at = identityUI < 0 ? parts.Count : parts.ToList().FindIndex(part => part.Name == IdentityUIAssemblyName);
        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly).Reverse())
        {
            parts.Insert(at, part);
        }
    }
}

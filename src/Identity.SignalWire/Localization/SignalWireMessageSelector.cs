using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire;

/// <summary>
/// Chooses the text a code is sent with: in the culture the application's <see cref="ISignalWireCultureSelector{TUser}"/>
/// picks for the user, or else in <see cref="CultureInfo.CurrentUICulture"/>, the request's language.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <param name="options">The SignalWire settings holding the texts.</param>
/// <param name="cultureSelector">The application's per-user choice, when it registered one.</param>
internal sealed class SignalWireMessageSelector<TUser>(SignalWireMfaOptions options, ISignalWireCultureSelector<TUser>? cultureSelector)
    where TUser : class
{

    /// <summary>The text for a code to <paramref name="user"/> through <paramref name="channel"/>; <see langword="null"/> for SignalWire's default.</summary>
    public async ValueTask<string?> ChooseAsync(SignalWireMfaChannel channel, UserManager<TUser> manager, TUser user)
    {
        var culture = cultureSelector is null
            ? null
            : await cultureSelector.SelectCultureAsync(manager, user).ConfigureAwait(false);
        culture ??= CultureInfo.CurrentUICulture;

        return channel == SignalWireMfaChannel.Sms
            ? LocalizedMessages.SmsMessageFor(options, culture)
            : LocalizedMessages.CallMessageFor(options, culture);
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire;

/// <summary>
/// Chooses the language of a user's code, for applications that keep a language per user (a saved preference)
/// rather than follow the language of the request. Register one in the service collection, for example
/// <c>services.AddScoped&lt;ISignalWireCultureSelector&lt;AppUser&gt;, SavedLanguageSelector&gt;()</c>; without one,
/// codes follow <see cref="CultureInfo.CurrentUICulture"/>, which ASP.NET Core's request localization sets.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <remarks>
/// A service rather than an option delegate: it is typed by the user, can be scoped (to read a database context)
/// and is asked asynchronously, none of which a delegate on the non-generic options could offer.
/// </remarks>
public interface ISignalWireCultureSelector<TUser>
    where TUser : class
{
    /// <summary>
    /// Returns the culture whose text the code for <paramref name="user"/> is sent with, or <see langword="null"/> to
    /// use <see cref="CultureInfo.CurrentUICulture"/>. Asked each time a code is sent, by SMS or by call.
    /// </summary>
    /// <param name="manager">The user manager sending the code.</param>
    /// <param name="user">The user the code is for.</param>
    /// <returns>The culture, or <see langword="null"/> to follow the request.</returns>
    ValueTask<CultureInfo?> SelectCultureAsync(UserManager<TUser> manager, TUser user);
}

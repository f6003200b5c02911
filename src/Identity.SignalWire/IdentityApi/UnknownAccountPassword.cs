using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire;

/// <summary>
/// Spends on a sign-in for an account that does not exist the time a password check takes, so that the answer's timing
/// does not tell an unknown e-mail address from a wrong password. (<c>/login</c> answers an unknown account at once.)
/// </summary>
internal static class UnknownAccountPassword<TUser>
    where TUser : class, new()
{
    // One hash of a random password, made with the application's hasher and settings on first use.
    private static string? s_hash;

    public static void Check(UserManager<TUser> users, string password)
    {
        var nobody = new TUser();
        var hash = s_hash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString("N"));
        users.PasswordHasher.VerifyHashedPassword(nobody, hash, password);
    }
}

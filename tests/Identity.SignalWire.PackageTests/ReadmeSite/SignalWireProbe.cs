// Added by Identity.SignalWire.PackageTests to the site the README's steps made, never part of the README: the test's
// way to send and check a code in the running site, since the stock pages have no SMS step.
using Identity.SignalWire;
using Microsoft.AspNetCore.Identity;

internal static class SignalWireProbe
{
    public const string Number = "+12015550123";

    public static void MapSignalWireProbe(this WebApplication app)
    {
        app.MapPost("/signalwire-probe/send", async (UserManager<IdentityUser> users) =>
        {
            var user = await users.FindByNameAsync("probe@example.com");
            if (user is null)
            {
                user = new IdentityUser("probe@example.com")
                {
                    Email = "probe@example.com",
                    EmailConfirmed = true,
                    PhoneNumber = Number,
                    PhoneNumberConfirmed = true,
                    TwoFactorEnabled = true,
                };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    return Results.Text("user not created: " + string.Join("; ", created.Errors.Select(e => e.Description)), statusCode: 500);
                }
            }

            var token = await users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
            return Results.Text(token.Length == 0 ? "sent" : "a code came back");
        });

        app.MapPost("/signalwire-probe/verify", async (string code, UserManager<IdentityUser> users) =>
        {
            var user = await users.FindByNameAsync("probe@example.com");
            return Results.Text(user is not null && await users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code) ? "true" : "false");
        });
    }
}

using Identity.SignalWire.Sample.Pages.Account;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// Issue 18: an unknown e-mail answered in ~7 ms and a wrong password for a real account in ~120 ms, which told which
/// addresses have accounts. The unknown account now checks the password against a fixed hash with the same hasher.
/// Pinned by what the page does, not by timing it.
/// </summary>
public sealed class UnknownAccountTests(SampleSite site) : IClassFixture<SampleSite>
{
    [Fact]
    public async Task LoginWithAnUnknownAccountHashesThePasswordAsAWrongPasswordDoes()
    {
        using var scope = site.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        var hasher = new CountingPasswordHasher(services.GetRequiredService<IPasswordHasher<IdentityUser>>());
        var page = new LoginModel(services.GetRequiredService<SignInManager<IdentityUser>>(), hasher)
        {
            Email = "nobody-" + Guid.NewGuid().ToString("N")[..10] + "@example.com",
            Password = "Typed-Passw0rd!",
        };

        var result = await page.OnPostAsync();

        Assert.IsType<PageResult>(result);
        Assert.Equal(["Wrong e-mail or password."], page.ModelState[string.Empty]!.Errors.Select(error => error.ErrorMessage));
        Assert.Equal([(PasswordVerificationResult.Failed, "Typed-Passw0rd!")], hasher.Verified);
    }

    private sealed class CountingPasswordHasher(IPasswordHasher<IdentityUser> inner) : IPasswordHasher<IdentityUser>
    {
        public List<(PasswordVerificationResult Result, string Password)> Verified { get; } = [];

        public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            var result = inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            Verified.Add((result, providedPassword));
            return result;
        }
    }
}

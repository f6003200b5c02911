// Compiled with every ```csharp block of the README and docs/ (SnippetCompileTests), never here: the names a block may
// use without declaring them, as docs/README.md lists them. A block's own locals may shadow these members.
using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Snippets;

#pragma warning disable IDE1006, CA1051, SA1300 // lower-case names, as a Program.cs spells them

public abstract class SnippetContext
{
    protected string[] args = [];
    protected WebApplicationBuilder builder = WebApplication.CreateBuilder();
    protected WebApplication app = null!;
    protected SignalWireMfaEmulator emulator = null!;
    protected UserManager<IdentityUser> userManager = null!;
    protected SignInManager<IdentityUser> signInManager = null!;
    protected IdentityUser user = null!;

    protected IServiceCollection services => builder.Services;
}

/// <summary>An application's user with a saved language.</summary>
public class AppUser : IdentityUser
{
    public string? Language { get; set; }
}

/// <summary>The template's Identity database.</summary>
public class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : IdentityDbContext(options);

/// <summary>The Razor sample's human check (samples/Identity.SignalWire.Sample/HumanCheck/IHumanCheck.cs), as docs/abuse-protection.md plugs one in.</summary>
public interface IHumanCheck
{
    string? Ask(ITempDataDictionary state);

    Task<bool> PassedAsync(IFormCollection form, ITempDataDictionary state, CancellationToken cancellationToken);
}

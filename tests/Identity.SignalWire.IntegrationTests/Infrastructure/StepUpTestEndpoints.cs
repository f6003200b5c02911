using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// Step-up as a JSON API uses it: send a step-up code, prove, and two endpoints that require step-up with one line
/// (<c>.RequireStepUp()</c>). Mapped on every test site; they work once the site adds <c>AddSignalWireStepUp()</c>.
/// </summary>
internal static class StepUpTestEndpoints
{
    public static void Map(WebApplication app)
    {
        // 204 sent; 409 when the user has no confirmed phone (nothing sent); 503 when SignalWire or the cache failed.
        app.MapPost("/stepup/send", async (string channel, HttpContext context, [FromServices] SignalWireStepUp<IdentityUser> stepUp) =>
        {
            var user = await context.RequestServices.GetRequiredService<UserManager<IdentityUser>>().GetUserAsync(context.User);
            try
            {
                await stepUp.SendCodeAsync(user!, Enum.Parse<SignalWireMfaChannel>(channel));
                return Results.NoContent();
            }
            catch (InvalidOperationException)
            {
                return Results.Conflict();
            }
            catch (SignalWireMfaException)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }).RequireAuthorization();

        // 200 with the outcome's name.
        app.MapPost("/stepup/prove", async (StepUpForm form, HttpContext context, [FromServices] SignalWireStepUp<IdentityUser> stepUp) =>
        {
            var user = await context.RequestServices.GetRequiredService<UserManager<IdentityUser>>().GetUserAsync(context.User);
            var result = await stepUp.ProveAsync(context, user!, Enum.Parse<SignalWireStepUpMethods>(form.Method), form.Code);
            return Results.Ok(new StepUpOutcome(result.ToString()));
        }).RequireAuthorization();

        // What step-up guards: 200 only with a fresh proof (or nothing to prove).
        app.MapGet("/stepup/guarded", () => Results.Ok()).RequireStepUp();

        // The same behind an MVC action, when the test site adds controllers.
        if (app.Services.GetService<Microsoft.AspNetCore.Mvc.Infrastructure.IActionDescriptorCollectionProvider>() is not null)
        {
            app.MapControllers();
        }

        // A factor change behind step-up: a new set of recovery codes, made through step-up.
        app.MapPost("/stepup/recovery-codes", async (HttpContext context, [FromServices] SignalWireStepUp<IdentityUser> stepUp) =>
        {
            var users = context.RequestServices.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.GetUserAsync(context.User);
            return Results.Ok(await stepUp.GenerateRecoveryCodesAsync(context, user!, 10));
        }).RequireStepUp();
    }
}

internal sealed record StepUpForm(string Method, string? Code);

internal sealed record StepUpOutcome(string Result);

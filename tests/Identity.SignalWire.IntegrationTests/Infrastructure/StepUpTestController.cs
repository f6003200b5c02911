using Microsoft.AspNetCore.Mvc;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>An MVC action behind step-up, required in one line as an application would.</summary>
[ApiController]
[Route("stepup/mvc")]
public sealed class StepUpTestController : ControllerBase
{
    [HttpGet]
    [RequireStepUp]
    public IActionResult Guarded() => Ok();
}

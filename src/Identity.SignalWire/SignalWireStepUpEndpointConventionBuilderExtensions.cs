using Identity.SignalWire;

// In the namespace of RequireAuthorization, so that it is found where endpoints are mapped.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Requires step-up on minimal-API endpoints and endpoint groups.</summary>
public static class SignalWireStepUpEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires step-up (<see cref="SignalWireDefaults.StepUpPolicy"/>) before the endpoint runs: a request without a
    /// fresh proof is answered 403 with a problem document of type <see cref="SignalWireDefaults.StepUpRequiredProblemType"/>
    /// (a browser is sent to <see cref="SignalWireStepUpOptions.StepUpPath"/> when one is set).
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <returns>The builder, to chain further calls.</returns>
    public static TBuilder RequireStepUp<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(SignalWireDefaults.StepUpPolicy);
    }
}

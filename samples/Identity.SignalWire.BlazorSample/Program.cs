using Identity.SignalWire.BlazorSample;

// `dotnet run --project samples/Identity.SignalWire.BlazorSample`. The template's start-up code lives in
// BlazorSampleApp.BuildAsync, so that the browser tests can start exactly this site in-process on a free port.
var app = await BlazorSampleApp.BuildAsync(args);
await app.RunAsync();

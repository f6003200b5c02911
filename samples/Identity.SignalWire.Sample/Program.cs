using Identity.SignalWire.Sample;

// `dotnet run --project samples/Identity.SignalWire.Sample`: everything is set up in SampleApp, so that the browser
// tests can start exactly this site in-process on a free port.
var app = await SampleApp.BuildAsync(args);
await app.RunAsync();

using Identity.SignalWire.ApiSample;

// `dotnet run --project samples/Identity.SignalWire.ApiSample`, then open http://127.0.0.1:5190. Everything is set up in
// ApiSampleApp, so that the tests can start exactly this site in-process on a free port.
var app = await ApiSampleApp.BuildAsync(args);
await app.RunAsync();

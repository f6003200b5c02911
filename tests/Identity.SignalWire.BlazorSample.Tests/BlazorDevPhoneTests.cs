using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>The development phone of the Blazor sample answers this machine only (it answered every address before).</summary>
public sealed class BlazorDevPhoneTests(BlazorSite site) : DevPhoneTests(site), IClassFixture<BlazorSite>;

using Identity.SignalWire.Sample.Tests.Support;
using Identity.SignalWire.Testing.Browser;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>The development phone of the Razor Pages sample answers this machine only.</summary>
public sealed class SampleDevPhoneTests(SampleSite site) : DevPhoneTests(site), IClassFixture<SampleSite>;

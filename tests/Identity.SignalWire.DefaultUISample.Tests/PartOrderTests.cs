using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>
/// Pages at the same path: the first application part wins. The drop-in pages must come before Identity.UI's, or the
/// stock second step (which knows only authenticator apps) would be served.
/// </summary>
public sealed class PartOrderTests
{
    [Fact]
    public void Parts_a_host_listed_after_Identity_UI_are_moved_ahead_of_it()
    {
        var manager = new ApplicationPartManager();
        manager.ApplicationParts.Add(new AssemblyPart(typeof(PartOrderTests).Assembly));
        manager.ApplicationParts.Add(new AssemblyPart(typeof(IdentityBuilderUIExtensions).Assembly));
        manager.ApplicationParts.Add(new AssemblyPart(typeof(SignalWireDefaultUIIdentityBuilderExtensions).Assembly));
        var services = new ServiceCollection();
        services.AddSingleton(manager);

        new IdentityBuilder(typeof(IdentityUser), services).AddSignalWireDefaultUI();

        var names = manager.ApplicationParts.Select(part => part.Name).ToList();
        Assert.Equal(typeof(PartOrderTests).Assembly.GetName().Name, names[0]);
        Assert.True(
            names.IndexOf("Identity.SignalWire.UI") >= 0
                && names.LastIndexOf("Identity.SignalWire.UI") < names.IndexOf("Microsoft.AspNetCore.Identity.UI"),
            string.Join(", ", names));
    }

    [Fact]
    public void Parts_already_ahead_of_Identity_UI_stay_where_they_are()
    {
        var manager = new ApplicationPartManager();
        var ours = new AssemblyPart(typeof(SignalWireDefaultUIIdentityBuilderExtensions).Assembly);
        var identityUI = new AssemblyPart(typeof(IdentityBuilderUIExtensions).Assembly);
        manager.ApplicationParts.Add(ours);
        manager.ApplicationParts.Add(identityUI);
        var services = new ServiceCollection();
        services.AddSingleton(manager);

        new IdentityBuilder(typeof(IdentityUser), services).AddSignalWireDefaultUI();

        Assert.Equal([ours, identityUI], manager.ApplicationParts);
    }
}

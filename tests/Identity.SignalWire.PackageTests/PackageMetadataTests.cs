using System.IO.Compression;
using System.Xml.Linq;

namespace Identity.SignalWire.PackageTests;

[Collection(PackedPackagesCollection.Name)]
public sealed class PackageMetadataTests(PackedPackages packages)
{
    private static readonly string[] Ids = ["Identity.SignalWire", "Identity.SignalWire.Emulator", "Identity.SignalWire.UI"];

    public static TheoryData<string> PackageIds => new(Ids);

    [Fact]
    public void Every_project_under_src_is_packed() =>
        Assert.Equal(Ids, packages.Projects.Select(Path.GetFileNameWithoutExtension).Order());

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void The_package_has_its_description_tags_licence_repository_and_readme(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg"));
        var metadata = Nuspec(package, id);

        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")), "description");
        Assert.Contains("signalwire", Value(metadata, "tags"), StringComparison.Ordinal);
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
        Assert.StartsWith("https://github.com/", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")?.Value, StringComparison.Ordinal);
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains(package.Entries, entry => entry.FullName == "README.md");
    }

    [Theory]
    [InlineData("Identity.SignalWire", "README.md")]
    [InlineData("Identity.SignalWire.Emulator", "src/Identity.SignalWire.Emulator/README.md")]
    [InlineData("Identity.SignalWire.UI", "src/Identity.SignalWire.UI/README.md")]
    public void The_package_carries_its_own_readme(string id, string readme)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg"));
        using var packed = new StreamReader(package.GetEntry("README.md")!.Open());

        Assert.Equal(File.ReadAllText(Path.Combine(packages.RepositoryRoot, readme)), packed.ReadToEnd());
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void The_package_carries_XML_docs_and_a_symbols_package(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg"));

        Assert.Contains(package.Entries, entry => entry.FullName == $"lib/net10.0/{id}.dll");
        Assert.Contains(package.Entries, entry => entry.FullName == $"lib/net10.0/{id}.xml");
        using var symbols = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.snupkg"));
        Assert.Contains(symbols.Entries, entry => entry.FullName == $"lib/net10.0/{id}.pdb");
    }

    // Issue 19: the emulator compiles in the one file it shared (the SMS segment rule), so that a test project or a
    // development site that takes it does not also take Redis, Polly and libphonenumber through the library.
    [Fact]
    public void The_emulator_package_depends_on_no_package()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"Identity.SignalWire.Emulator.{packages.Version}.nupkg"));

        var dependencies = Nuspec(package, "Identity.SignalWire.Emulator").Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")?.Value);

        Assert.Empty(dependencies);
    }

    private static XElement Nuspec(ZipArchive package, string id)
    {
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;
}

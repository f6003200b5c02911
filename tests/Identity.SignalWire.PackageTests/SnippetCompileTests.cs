using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Identity.SignalWire.PackageTests;

/// <summary>
/// Every ```csharp block of README.md, docs/*.md and the packages' own READMEs compiles against the packed packages
/// (issue 23, item 4), by the convention docs/README.md describes, so that no snippet drifts from the API.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class SnippetCompileTests(PackedPackages packages) : IDisposable
{
    private const string SkipPrefix = "snippet: skip";

    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("identity-signalwire-snippets-");

    [Fact]
    public async Task Every_csharp_block_in_the_README_and_docs_compiles()
    {
        var blocks = CSharpBlocks().Where(block => !IsSkipped(block)).ToList();
        Assert.NotEmpty(blocks);
        var template = Path.Combine(AppContext.BaseDirectory, "Snippets");
        File.Copy(Path.Combine(template, "SnippetContext.cs"), Path.Combine(_project.FullName, "SnippetContext.cs"));
        await File.WriteAllTextAsync(Path.Combine(_project.FullName, "Snippets.csproj"), await File.ReadAllTextAsync(Path.Combine(template, "Snippets.csproj.txt")));
        await packages.WriteNuGetConfigAsync(_project.FullName);
        for (var i = 0; i < blocks.Count; i++)
        {
            var source = SnippetSource.ToFile(blocks[i], i, Path.Combine(packages.RepositoryRoot, blocks[i].File));
            await File.WriteAllTextAsync(Path.Combine(_project.FullName, $"Block{i}.cs"), source);
        }

        var aspNetCore = XDocument.Load(Path.Combine(packages.RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(package => (string?)package.Attribute("Include") == "Microsoft.AspNetCore.Identity.EntityFrameworkCore").Attribute("Version")!.Value;
        var (exitCode, output) = await DotNetCli.RunAsync(
            _project.FullName, TimeSpan.FromMinutes(8), "build", $"-p:IdentitySignalWireVersion={packages.Version}", $"-p:AspNetCoreVersion={aspNetCore}");

        // The errors name the Markdown file and line, through the #line directives.
        var errors = string.Join('\n', output.Split('\n').Where(line => line.Contains(": error ", StringComparison.Ordinal)).Distinct());
        Assert.True(exitCode == 0, $"{blocks.Count} blocks; these do not compile:\n{errors}\n\n{output}");
    }

    [Fact]
    public void A_skipped_block_says_why()
    {
        var unexplained = CSharpBlocks()
            .Where(IsSkipped)
            .Where(block => block.Annotation!.Length <= SkipPrefix.Length + 2)
            .Select(block => block.Where);

        Assert.Empty(unexplained);
    }

    private IEnumerable<CodeBlock> CSharpBlocks()
    {
        var root = packages.RepositoryRoot;
        var files = new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(path => Path.GetRelativePath(root, path)))
            .Concat(Directory.GetFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(root, path)))
            .Order(StringComparer.Ordinal);
        return files.SelectMany(file => Markdown.CodeBlocks(root, file)).Where(block => block.Language is "csharp" or "cs" or "c#");
    }

    private static bool IsSkipped(CodeBlock block) => block.Annotation?.StartsWith(SkipPrefix, StringComparison.Ordinal) == true;

    public void Dispose() => _project.Delete(recursive: true);
}

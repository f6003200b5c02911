using Identity.SignalWire.Tests.Infrastructure;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Identity.SignalWire.Tests.Documentation;

/// <summary>
/// The README is a package page and the depth lives in docs/: these tests keep the page short and every link between
/// them pointing at a file and a heading that exist. Links into this repository are absolute in the packed readmes (a
/// NuGet page cannot follow relative ones), so those are checked against the working tree as well.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private const string RepositoryBlob = "https://github.com/identity-signalwire/Identity.SignalWire/blob/main/";

    private static readonly string Root = RepositoryFolder.Root;

    public static TheoryData<string> Pages =>
    [
        "README.md",
        "src/Identity.SignalWire.Emulator/README.md",
        .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/')).Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void The_README_stays_a_package_page_under_260_lines() =>
        Assert.True(File.ReadAllLines(Path.Combine(Root, "README.md")).Length < 260, "README.md has grown past 260 lines: move the depth to docs/.");

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_into_the_repository_points_to_a_file_and_heading_that_exist(string page)
    {
        var broken = new List<string>();
        foreach (var target in LinkTargets(File.ReadAllText(Path.Combine(Root, page))))
        {
            if (Resolve(page, target) is not var (path, anchor))
            {
                continue; // a link to another site
            }

            var full = Path.Combine(Root, path);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                broken.Add($"{target}: {path} does not exist");
            }
            else if (anchor is not null && !HeadingSlugs(File.ReadAllText(full)).Contains(anchor))
            {
                broken.Add($"{target}: {path} has no heading #{anchor}");
            }
        }

        Assert.True(broken.Count == 0, $"{page} has broken links:\n" + string.Join('\n', broken));
    }

    [Theory]
    [InlineData("## Configuration", "configuration")]
    [InlineData("## Codes in the user's language", "codes-in-the-users-language")]
    [InlineData("## What a page can show: `SignalWirePendingCodes<TUser>`", "what-a-page-can-show-signalwirependingcodestuser")]
    [InlineData("## 1. Password", "1-password")]
    [InlineData("### [Step-up](step-up.md) in brief", "step-up-in-brief")]
    public void Heading_anchors_are_made_as_GitHub_makes_them(string heading, string anchor) =>
        Assert.Contains(anchor, HeadingSlugs(heading));

    // (repository path, anchor or null) for a link into this repository, or null for a link elsewhere.
    private static (string Path, string? Anchor)? Resolve(string page, string target)
    {
        if (target.StartsWith(RepositoryBlob, StringComparison.Ordinal))
        {
            target = "/" + target[RepositoryBlob.Length..];
        }
        else if (target.Contains(':', StringComparison.Ordinal))
        {
            return null; // https:, mailto: and the like
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        var path = file.Length == 0 ? page
            : file.StartsWith('/') ? file.TrimStart('/')
            : Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Root, Path.GetDirectoryName(page)!, Uri.UnescapeDataString(file))));
        return (path.Replace('\\', '/'), anchor);
    }

    private static IEnumerable<string> LinkTargets(string markdown)
    {
        var prose = CodeSpan().Replace(FencedCode().Replace(markdown, string.Empty), string.Empty);
        return Link().Matches(prose).Select(match => match.Groups["target"].Value);
    }

    // GitHub's anchors: the heading's text lower-cased, punctuation dropped, spaces turned into dashes, and -1, -2, …
    // after a repeated one.
    private static HashSet<string> HeadingSlugs(string markdown)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(FencedCode().Replace(markdown, string.Empty)))
        {
            var text = LinkText().Replace(heading.Groups["text"].Value.Trim(), "${text}").Replace("`", string.Empty, StringComparison.Ordinal);
            var slug = new StringBuilder();
            foreach (var c in text.ToLowerInvariant())
            {
                if (c is ' ' or '-')
                {
                    slug.Append('-');
                }
                else if (char.IsLetterOrDigit(c) || c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    slug.Append(c);
                }
            }

            var unique = slug.ToString();
            for (var n = 1; !slugs.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
        }

        return slugs;
    }

    [GeneratedRegex(@"^[ \t]*```.*?^[ \t]*```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[[^\]\n]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)(?:[ \t]+#+)?[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}

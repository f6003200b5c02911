using System.Text.RegularExpressions;

namespace Identity.SignalWire.PackageTests;

/// <summary>A fenced code block of a Markdown file, with where it is and the HTML comment just above it, if any.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">The line of the opening fence, from 1.</param>
/// <param name="Language">The fence's language: <c>csharp</c>, <c>bash</c>, <c>xml</c>.</param>
/// <param name="Heading">The nearest heading above the block, without its #s.</param>
/// <param name="Annotation">The text of an HTML comment on the line just above the fence, such as <c>snippet: skip</c>.</param>
/// <param name="Text">The block's lines, without the fences.</param>
internal sealed record CodeBlock(string File, int Line, string Language, string Heading, string? Annotation, string Text)
{
    public string Where => $"{File}:{Line}";
}

/// <summary>Reads the code blocks of the README and the docs, so that tests run and compile exactly what they show.</summary>
internal static partial class Markdown
{
    public static IReadOnlyList<CodeBlock> CodeBlocks(string repositoryRoot, string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(repositoryRoot, relativePath));
        var blocks = new List<CodeBlock>();
        var heading = string.Empty;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                heading = lines[i].TrimStart('#').Trim();
                continue;
            }

            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var indent = fence.Groups["indent"].Value;
            var annotation = i > 0 && Annotation().Match(lines[i - 1]) is { Success: true } comment ? comment.Groups["text"].Value.Trim() : null;
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                body.Add(lines[i].StartsWith(indent, StringComparison.Ordinal) ? lines[i][indent.Length..] : lines[i]);
            }

            blocks.Add(new CodeBlock(relativePath, start + 1, fence.Groups["language"].Value, heading, annotation, string.Join('\n', body)));
        }

        return blocks;
    }

    /// <summary>The one block of <paramref name="language"/> under the heading <paramref name="heading"/> (its first, when <paramref name="index"/> is 0).</summary>
    public static CodeBlock Under(string repositoryRoot, string relativePath, string heading, string language, int index = 0) =>
        CodeBlocks(repositoryRoot, relativePath).Where(block => block.Heading == heading && block.Language == language).ElementAtOrDefault(index)
        ?? throw new InvalidOperationException($"{relativePath} has no {language} block number {index + 1} under \"{heading}\".");

    [GeneratedRegex(@"^(?<indent>\s*)```(?<language>[A-Za-z#+-]+)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--(?<text>.*)-->\s*$")]
    private static partial Regex Annotation();
}

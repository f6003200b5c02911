using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Identity.SignalWire.PackageTests;

/// <summary>
/// Turns a ```csharp block into a C# file by the convention of docs/README.md: <c>using</c> lines at its top go to the
/// file's top; a type declaration (a line at column 0 that starts with a modifier, <c>class</c>, <c>record</c> or an
/// attribute, up to the next <c>}</c> at column 0) goes to the file's namespace; the rest are statements, run in an
/// async method of a <c>SnippetContext</c> (so <c>builder</c>, <c>app</c>, ... are in scope); a block whose first line
/// starts with <c>.</c> continues <c>builder.Services.AddIdentity&lt;IdentityUser, IdentityRole&gt;()</c>. #line directives
/// make the compiler's errors point at the Markdown file's own lines.
/// </summary>
internal static partial class SnippetSource
{
    private static readonly string[] StandardUsings =
    [
        "System.Globalization",
        "Identity.SignalWire",
        "Identity.SignalWire.Emulator",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.AspNetCore.Mvc.RazorPages",
        "Microsoft.EntityFrameworkCore",
    ];

    public static string ToFile(CodeBlock block, int index, string markdownPath)
    {
        var lines = block.Text.Split('\n');
        var usings = new StringBuilder();
        var types = new StringBuilder();
        var statements = new StringBuilder();
        var path = markdownPath.Replace("\\", "\\\\", StringComparison.Ordinal);
        var i = 0;

        // Leading usings, with any #if around them.
        for (; i < lines.Length && (lines[i].StartsWith("using ", StringComparison.Ordinal) || lines[i].StartsWith('#') || lines[i].Trim().Length == 0); i++)
        {
            usings.Append(Line(block.Line + 1 + i, path)).Append(lines[i]).Append('\n');
        }

        var continuesIdentity = lines.Skip(i).FirstOrDefault(line => line.Trim().Length > 0)?.TrimStart().StartsWith('.') == true;
        while (i < lines.Length)
        {
            if (TypeStart().IsMatch(lines[i]))
            {
                types.Append(Line(block.Line + 1 + i, path));
                var start = i;
                for (; i < lines.Length; i++)
                {
                    types.Append(lines[i]).Append('\n');

                    // A type ends at a } in column 0, or on its own line when it is one line ("record R(int X);").
                    if (lines[i] == "}" || (i == start && lines[i].TrimEnd().EndsWith(';')))
                    {
                        i++;
                        break;
                    }
                }

                continue;
            }

            statements.Append(Line(block.Line + 1 + i, path)).Append(lines[i]).Append('\n');
            i++;
        }

        var file = new StringBuilder();
        file.Append(CultureInfo.InvariantCulture, $"// {block.Where}\n");
        foreach (var name in StandardUsings)
        {
            file.Append(CultureInfo.InvariantCulture, $"using {name};\n");
        }

        file.Append(usings).Append("#line default\n\n");
        file.Append(CultureInfo.InvariantCulture, $"namespace Snippets.Block{index};\n\n");
        file.Append(types).Append("#line default\n\n");
        file.Append("internal sealed class Snippet : Snippets.SnippetContext\n{\n    public async Task RunAsync()\n    {\n");
        if (continuesIdentity)
        {
            file.Append("builder.Services.AddIdentity<IdentityUser, IdentityRole>()\n");
        }

        file.Append(statements).Append("#line default\n        await Task.CompletedTask;\n    }\n}\n");
        return file.ToString();
    }

    private static string Line(int line, string path) => string.Create(CultureInfo.InvariantCulture, $"#line {line} \"{path}\"\n");

    [GeneratedRegex(@"^(public |internal |sealed |static |abstract |file |partial |class |record |interface |\[)")]
    private static partial Regex TypeStart();
}

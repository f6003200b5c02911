namespace Identity.SignalWire.PackageTests;

/// <summary>
/// Applies a file as the README shows it to the file a template made: the README's lines are the template's, in
/// order, with lines added, a line continued (the template's <c>...();</c> shown as <c>...()</c> and a new call
/// after it), and <c>// …</c> standing for template lines left out. Every template line must be shown or left out
/// by a <c>// …</c>, so that the README cannot silently drop or reword one.
/// </summary>
internal static class TemplateEdit
{
    public const string Elision = "// …";

    public static string Apply(string template, string shown)
    {
        var original = Lines(template);
        var edited = new List<string>();
        var next = 0;
        var eliding = false;
        foreach (var line in Lines(shown))
        {
            if (line.Trim() == Elision)
            {
                eliding = true;
                continue;
            }

            var match = Find(original, next, line, anywhere: eliding);
            if (match < 0)
            {
                edited.Add(line);   // a line the README adds
                continue;
            }

            edited.AddRange(original.Skip(next).Take(match - next));
            edited.Add(line);
            next = match + 1;
            eliding = false;
        }

        if (eliding)
        {
            edited.AddRange(original.Skip(next));
            next = original.Count;
        }

        var dropped = original.Skip(next).Where(line => line.Trim().Length > 0).ToList();
        if (dropped.Count > 0)
        {
            throw new InvalidOperationException("The README's file leaves out template lines without \"// …\":\n" + string.Join('\n', dropped));
        }

        return string.Join('\n', edited) + "\n";
    }

    // Blank lines match only where the template has one next, so that they never swallow template lines.
    private static int Find(IReadOnlyList<string> original, int from, string line, bool anywhere)
    {
        var key = Key(line);
        if (key.Length == 0 || !anywhere)
        {
            return from < original.Count && Key(original[from]) == key ? from : -1;
        }

        for (var i = from; i < original.Count; i++)
        {
            if (Key(original[i]) == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Key(string line) => line.Trim().TrimEnd(';');

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')];
}

using System.Text;
using System.Text.Json;

namespace Identity.SignalWire.Tests.Identity;

/// <summary>
/// The pending-code entry as a cache other than Redis keeps it (Redis keeps hash fields of its own, docs/storage.md): it
/// reads what earlier versions wrote, earlier versions read what it writes, it reads back as written, and anything
/// unreadable is no entry at all.
/// </summary>
public sealed class PendingCodeFormatTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 30, 9, 0, 0, 123, TimeSpan.Zero);

    // Named so that a failing case says which entry failed (PendingCode is internal: a theory cannot take it).
    private static readonly Dictionary<string, PendingCode> Entries = new()
    {
        ["sms"] = new PendingCode("d3b07384-d9a0-4c9b-8f3e-1c2a5b6e7f80", SignalWireMfaChannel.Sms, "+*********23", SentAt, SentAt.AddMinutes(10), new string('a', 64), new string('b', 64)),
        ["call with attempts spent"] = new PendingCode("call-1", SignalWireMfaChannel.Call, "+*********56", SentAt, SentAt.AddMinutes(5), "d", "s")
        {
            Attempts = 2,
            SendStartedAt = SentAt.AddTicks(-1234567),
        },
        ["used up"] = new PendingCode("call-2", SignalWireMfaChannel.Call, "+*********56", SentAt, SentAt.AddMinutes(5), "d", "s")
        {
            Attempts = 1,
            UsedUp = true,
            SendStartedAt = SentAt.AddSeconds(-2),
        },

        // Characters JSON must escape, characters the default encoder escapes (+, <, ', non-ASCII), a slash, and times with sub-millisecond ticks in other offsets.
        ["odd characters"] = new PendingCode("a/b\"c\\d\n\t\u0001<'&>é€😀\u2028", SignalWireMfaChannel.Call, "+*****78", SentAt.ToOffset(TimeSpan.FromHours(2)).AddTicks(4567),
            SentAt.ToOffset(TimeSpan.FromHours(-5.5)).AddMinutes(3), "", "ß") { Attempts = int.MaxValue, SendStartedAt = SentAt.ToOffset(TimeSpan.FromHours(1)) },
        ["extremes"] = new PendingCode("", SignalWireMfaChannel.Sms, "", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, "x", "y")
        {
            Attempts = -1,
            SendStartedAt = DateTimeOffset.MinValue,
        },
    };

    public static TheoryData<string> EntryNames => new(Entries.Keys);

    [Theory]
    [MemberData(nameof(EntryNames))]
    public void An_entry_the_previous_version_wrote_is_read(string entry) =>
        AssertSame(Entries[entry], PendingCode.FromBytes(PreviousToBytes(Entries[entry])));

    [Theory]
    [MemberData(nameof(EntryNames))]
    public void An_entry_this_version_writes_is_read_by_the_previous_version(string entry) =>
        AssertSame(Entries[entry], JsonSerializer.Deserialize(Entries[entry].ToBytes(), PreviousPendingCodeJsonContext.Default.PendingCode));

    [Theory]
    [MemberData(nameof(EntryNames))]
    public void An_entry_reads_back_as_written(string entry) => AssertSame(Entries[entry], PendingCode.FromBytes(Entries[entry].ToBytes()));

    // Equivalent JSON from another writer: keys in any order, "/" escaped as "\/", non-ASCII as raw UTF-8, and an
    // earlier version's wrong answers, which are attempts spent.
    [Fact]
    public void Equivalent_json_of_an_earlier_version_is_read()
    {
        // (Raw UTF-8 é and U+2028 LINE SEPARATOR, which the default encoder writes as \u escapes.)
        const string Rewritten =
            "{\"destinationHash\":\"d\",\"sentAt\":\"2026-11-30T09:00:00.123+00:00\",\"maskedDestination\":\"+*********23\"," +
            "\"channel\":\"Call\",\"expiresAt\":\"2026-11-30T09:05:00.123+00:00\",\"securityStampHash\":\"s\",\"wrongAnswers\":1," +
            "\"requestId\":\"a\\/bé\\\"x\u2028\"}";

        var code = PendingCode.FromBytes(Encoding.UTF8.GetBytes(Rewritten));

        AssertSame(
            new PendingCode("a/bé\"x\u2028", SignalWireMfaChannel.Call, "+*********23", SentAt, SentAt.AddMinutes(5), "d", "s") { Attempts = 1 },
            code);
    }

    // The same for the properties added since: "attempts", "usedUp" and the send's start, in any order.
    [Fact]
    public void Equivalent_json_of_this_version_is_read()
    {
        const string Rewritten =
            "{\"usedUp\":true,\"destinationHash\":\"d\",\"sentAt\":\"2026-11-30T09:00:00.123+00:00\",\"maskedDestination\":\"+*********23\"," +
            "\"sendStartedAt\":\"2026-11-30T08:59:59.9876543+00:00\",\"channel\":\"Call\",\"attempts\":2," +
            "\"expiresAt\":\"2026-11-30T09:05:00.123+00:00\",\"securityStampHash\":\"s\",\"requestId\":\"a\"}";

        var code = PendingCode.FromBytes(Encoding.UTF8.GetBytes(Rewritten));

        AssertSame(
            new PendingCode("a", SignalWireMfaChannel.Call, "+*********23", SentAt, SentAt.AddMinutes(5), "d", "s")
            {
                Attempts = 2,
                UsedUp = true,
                SendStartedAt = new DateTimeOffset(2026, 11, 30, 8, 59, 59, TimeSpan.Zero).AddTicks(9876543),
            },
            code);
        Assert.Equal(0, code!.AttemptsLeft(5));
    }

    // While both versions run, the previous one counts in "wrongAnswers" on an entry this one wrote: the larger counts.
    [Theory]
    [InlineData("1", "2", 2)]
    [InlineData("3", "2", 3)]
    [InlineData(null, "2", 2)]
    [InlineData("1", null, 1)]
    [InlineData(null, null, 0)]
    public void Attempts_are_the_larger_of_attempts_and_the_previous_versions_wrong_answers(string? wrongAnswers, string? attempts, int read) =>
        Assert.Equal(read, PendingCode.FromBytes(Entry(("wrongAnswers", wrongAnswers), ("attempts", attempts)))?.Attempts);

    [Fact]
    public void An_entry_of_the_previous_version_has_no_send_start_and_never_keeps_a_new_code_out()
    {
        var previous = PendingCode.FromBytes(Entry());
        var newer = previous! with { SendStartedAt = DateTimeOffset.MinValue };

        Assert.Equal((null, false), (previous.SendStartedAt, previous.UsedUp));
        Assert.False(previous.BeganAfter(newer));
        Assert.True((newer with { SendStartedAt = SentAt }).BeganAfter(newer));
        Assert.False(newer.BeganAfter(newer with { RequestId = "req-2" }));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("-0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    public void Attempts_read_as_a_whole_number(string written, int read)
    {
        Assert.Equal(read, PendingCode.FromBytes(Entry(("attempts", written)))?.Attempts);
        Assert.Equal(read, PendingCode.FromBytes(Entry(("attempts", null), ("wrongAnswers", written)))?.Attempts);
    }

    [Fact]
    public void Properties_this_version_does_not_know_are_skipped_and_missing_attempts_are_none()
    {
        var entry = Entry(("extra", """{"nested":[1,{"requestId":"other"}],"s":"\/"}"""), ("more", "null"), ("wrongAnswers", null));

        var code = PendingCode.FromBytes(entry);

        Assert.Equal(("req-1", 0), (code?.RequestId, code?.Attempts));
    }

    [Fact]
    public void No_entry_reads_as_none() => Assert.Null(PendingCode.FromBytes(null));

    public static TheoryData<string> Unreadable => new()
    {
        "",
        " ",
        "null",
        "[]",
        "\"text\"",
        "{",
        "{}",
        "not json",
        """{"requestId":"req-1",}""",
        Encoding.UTF8.GetString(Entry()) + " {}",
        Encoding.UTF8.GetString(Entry()) + "x",
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Text_that_is_not_one_entry_object_reads_as_none(string entry) =>
        Assert.Null(PendingCode.FromBytes(Encoding.UTF8.GetBytes(entry)));

    [Theory]
    [InlineData("requestId")]
    [InlineData("channel")]
    [InlineData("maskedDestination")]
    [InlineData("sentAt")]
    [InlineData("expiresAt")]
    [InlineData("destinationHash")]
    [InlineData("securityStampHash")]
    public void An_entry_missing_a_required_property_reads_as_none(string property)
    {
        Assert.NotNull(PendingCode.FromBytes(Entry()));
        Assert.Null(PendingCode.FromBytes(Entry((property, null))));
    }

    [Theory]
    [InlineData("requestId", "1")]
    [InlineData("requestId", "null")]
    [InlineData("requestId", "{}")]
    [InlineData("maskedDestination", "[]")]
    [InlineData("destinationHash", "true")]
    [InlineData("securityStampHash", "null")]
    [InlineData("channel", "\"Email\"")]
    [InlineData("channel", "\"sms\"")]
    [InlineData("channel", "\"\"")]
    [InlineData("channel", "0")]
    [InlineData("channel", "null")]
    [InlineData("sentAt", "\"yesterday\"")]
    [InlineData("sentAt", "1764493200")]
    [InlineData("expiresAt", "\"2026-13-01T00:00:00+00:00\"")]
    [InlineData("expiresAt", "null")]
    [InlineData("wrongAnswers", "\"1\"")]
    [InlineData("wrongAnswers", "1.5")]
    [InlineData("wrongAnswers", "2147483648")]
    [InlineData("wrongAnswers", "1e+15")]
    [InlineData("wrongAnswers", "null")]
    [InlineData("wrongAnswers", "true")]
    [InlineData("attempts", "\"1\"")]
    [InlineData("attempts", "1.5")]
    [InlineData("attempts", "3.0")]
    [InlineData("attempts", "3e0")]
    [InlineData("attempts", "null")]
    [InlineData("usedUp", "1")]
    [InlineData("usedUp", "\"true\"")]
    [InlineData("usedUp", "null")]
    [InlineData("sendStartedAt", "\"soon\"")]
    [InlineData("sendStartedAt", "0")]
    public void An_entry_with_a_value_of_the_wrong_kind_reads_as_none(string property, string value)
    {
        Assert.NotNull(PendingCode.FromBytes(Entry()));
        Assert.Null(PendingCode.FromBytes(Entry((property, value))));
    }

    [Fact]
    public void An_entry_with_invalid_utf8_in_a_string_reads_as_none()
    {
        var entry = Entry();
        var at = Encoding.UTF8.GetString(entry).IndexOf("req-1", StringComparison.Ordinal);
        entry[at] = 0xFF;

        Assert.Null(PendingCode.FromBytes(entry));
    }

    private static byte[] PreviousToBytes(PendingCode code) =>
        JsonSerializer.SerializeToUtf8Bytes(code, PreviousPendingCodeJsonContext.Default.PendingCode);

    // A valid entry written by hand, with some properties replaced by other JSON values (null: left out).
    private static byte[] Entry(params (string Name, string? Json)[] changes)
    {
        var properties = new Dictionary<string, string?>
        {
            ["requestId"] = "\"req-1\"",
            ["channel"] = "\"Sms\"",
            ["maskedDestination"] = "\"+*********23\"",
            ["sentAt"] = "\"2026-11-30T09:00:00+00:00\"",
            ["expiresAt"] = "\"2026-11-30T09:05:00+00:00\"",
            ["destinationHash"] = "\"d\"",
            ["securityStampHash"] = "\"s\"",
            ["wrongAnswers"] = "0",
        };
        foreach (var (name, json) in changes)
        {
            properties[name] = json;
        }

        return Encoding.UTF8.GetBytes("{" + string.Join(",", properties.Where(p => p.Value is not null).Select(p => $"\"{p.Key}\":{p.Value}")) + "}");
    }

    // Record equality compares instants only; an entry must also keep each time's offset.
    private static void AssertSame(PendingCode expected, PendingCode? actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(
            (expected.SentAt.Offset, expected.ExpiresAt.Offset, expected.SendStartedAt?.Offset),
            (actual!.SentAt.Offset, actual.ExpiresAt.Offset, actual.SendStartedAt?.Offset));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Identity.SignalWire.Sample.HumanCheck;

/// <summary>
/// A plain stand-in for a CAPTCHA, for Development and the tests: a box to tick and a sum to work out. It stops no
/// determined script (the question is in the page), and is here to show where a real check goes: replace it before a
/// site goes live (see <see cref="IHumanCheck"/>). The answer never travels in the form: it is kept in TempData, which
/// the client can neither read nor change, and is used once.
/// </summary>
public sealed class DevelopmentHumanCheck : IHumanCheck
{
    /// <summary>The form field of the tick box.</summary>
    public const string ConfirmField = "HumanCheckConfirmed";

    /// <summary>The form field of the answer.</summary>
    public const string AnswerField = "HumanCheckAnswer";

    private const string ExpectedKey = "HumanCheckExpected";

    /// <inheritdoc />
    public string? Ask(ITempDataDictionary state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (left, right) = (RandomNumberGenerator.GetInt32(2, 10), RandomNumberGenerator.GetInt32(2, 10));
        state[ExpectedKey] = (left + right).ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"What is {left} + {right}?");
    }

    /// <inheritdoc />
    public Task<bool> PassedAsync(IFormCollection form, ITempDataDictionary state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(state);

        // Read (and so removed) whatever the outcome: each question is answered once.
        var expected = state[ExpectedKey] as string;
        var ticked = form[ConfirmField].Contains("true");
        var answer = form[AnswerField].ToString().Trim();
        return Task.FromResult(ticked && expected is not null && string.Equals(answer, expected, StringComparison.Ordinal));
    }
}

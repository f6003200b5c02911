namespace Identity.SignalWire;

/// <summary>
/// One language's words for users: a sentence for each <see cref="UserMessageKey"/> and the short units a wait is
/// written in. Every member is required, so a language cannot be added with a sentence missing.
/// </summary>
internal sealed class UserMessageWords
{
    public required string NotSent { get; init; }

    public required string Unavailable { get; init; }

    /// <summary>Holds <c>{0}</c>, the wait written with <see cref="Seconds"/>, <see cref="Minutes"/> or <see cref="Hours"/>.</summary>
    public required string ResendCooldown { get; init; }

    public required string TooManyCodes { get; init; }

    public required string NumberBusy { get; init; }

    public required string InvalidNumber { get; init; }

    public required string RegionNotAllowed { get; init; }

    public required string NumberTypeNotAllowed { get; init; }

    public required string NewNumbersPaused { get; init; }

    public required string ChallengeRequired { get; init; }

    /// <summary>A number of seconds, <c>{0}</c> being the number ("{0} s", "{0}秒").</summary>
    public required string Seconds { get; init; }

    /// <summary>A number of minutes, <c>{0}</c> being the number.</summary>
    public required string Minutes { get; init; }

    /// <summary>A number of hours, <c>{0}</c> being the number.</summary>
    public required string Hours { get; init; }

    /// <summary>The sentence for <paramref name="key"/>.</summary>
    public string this[UserMessageKey key] => key switch
    {
        UserMessageKey.NotSent => NotSent,
        UserMessageKey.Unavailable => Unavailable,
        UserMessageKey.ResendCooldown => ResendCooldown,
        UserMessageKey.TooManyCodes => TooManyCodes,
        UserMessageKey.NumberBusy => NumberBusy,
        UserMessageKey.InvalidNumber => InvalidNumber,
        UserMessageKey.RegionNotAllowed => RegionNotAllowed,
        UserMessageKey.NumberTypeNotAllowed => NumberTypeNotAllowed,
        UserMessageKey.NewNumbersPaused => NewNumbersPaused,
        UserMessageKey.ChallengeRequired => ChallengeRequired,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "No sentence has this key."),
    };
}

using Microsoft.AspNetCore.Authentication;

namespace Identity.SignalWire.Tests.StepUp;

/// <summary>The proof kept in a session's ticket: fresh, for this user and stamp only; anything else is no proof.</summary>
public sealed class StepUpSessionTests
{
    private static readonly DateTimeOffset ProvedAt = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    private static AuthenticationProperties Proved(string userId = "user-1", string stamp = "stamp-1")
    {
        var session = new AuthenticationProperties();
        StepUpSession.RecordProof(session, userId, stamp, ProvedAt);
        return session;
    }

    [Fact]
    public void A_proof_holds_for_its_user_and_stamp_until_it_is_five_minutes_old()
    {
        var session = Proved();

        Assert.True(StepUpSession.HasFreshProof(session, "user-1", "stamp-1", ProvedAt, FreshFor));
        Assert.True(StepUpSession.HasFreshProof(session, "user-1", "stamp-1", ProvedAt + FreshFor - TimeSpan.FromSeconds(1), FreshFor));
        Assert.False(StepUpSession.HasFreshProof(session, "user-1", "stamp-1", ProvedAt + FreshFor, FreshFor));
    }

    [Fact]
    public void Another_user_a_new_stamp_or_a_proof_from_the_future_is_no_proof()
    {
        var session = Proved();

        Assert.False(StepUpSession.HasFreshProof(session, "user-2", "stamp-1", ProvedAt, FreshFor));
        Assert.False(StepUpSession.HasFreshProof(session, "user-1", "stamp-2", ProvedAt, FreshFor));
        Assert.False(StepUpSession.HasFreshProof(session, "user-1", "stamp-1", ProvedAt - TimeSpan.FromSeconds(1), FreshFor));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user-1")]
    [InlineData("user-1\nstamp\n")]
    [InlineData("user-1\nstamp\n-5")]
    [InlineData("user-1\nstamp\n99999999999999999999")]
    [InlineData("user-1\nstamp\n1\nextra")]
    public void A_garbled_proof_is_no_proof(string value)
    {
        var session = new AuthenticationProperties();
        session.Items[".Identity.SignalWire.StepUp"] = value;

        Assert.False(StepUpSession.HasFreshProof(session, "user-1", "stamp", ProvedAt, FreshFor));
    }

    [Fact]
    public void No_session_no_proof_and_forgetting_removes_it()
    {
        var session = Proved();
        StepUpSession.ForgetProof(session);

        Assert.False(StepUpSession.HasFreshProof(null, "user-1", "stamp-1", ProvedAt, FreshFor));
        Assert.False(StepUpSession.HasFreshProof(session, "user-1", "stamp-1", ProvedAt, FreshFor));
    }

    [Fact]
    public void The_ticket_keeps_a_hash_of_the_stamp_not_the_stamp()
    {
        var session = Proved(stamp: "VERY-SECRET-STAMP");

        Assert.DoesNotContain(session.Items.Values, value => value!.Contains("VERY-SECRET-STAMP", StringComparison.Ordinal));
    }

    [Fact]
    public void A_session_that_made_recovery_codes_says_so()
    {
        var session = new AuthenticationProperties();
        var before = StepUpSession.MintedRecoveryCodes(session);
        StepUpSession.RecordMintedRecoveryCodes(session);

        Assert.False(before);
        Assert.True(StepUpSession.MintedRecoveryCodes(session));
        Assert.False(StepUpSession.MintedRecoveryCodes(null));
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// The cache keys of the send budgets. Every key starts with one Redis Cluster hash tag, <c>{prefix + "budgets"}</c>,
/// so that all the keys one send touches hash to the same slot and one Lua script can check and charge them together
/// (a cluster refuses a script whose keys span slots). User ids and numbers appear only as keyed hashes.
/// </summary>
internal sealed class BudgetKeys(IOptions<SignalWireMfaOptions> options)
{
    private readonly string _tag = TagOf(options.Value.CacheKeyPrefix);

    public string Cooldown(string userPurposeHash) => _tag + "cooldown:" + userPurposeHash;

    public string User(string userHash) => _tag + "user:" + userHash;

    public string Number(string numberHash) => _tag + "number:" + numberHash;

    public string ConfirmationUser(string userHash) => _tag + "confirm-user:" + userHash;

    public string ConfirmationNumber(string numberHash) => _tag + "confirm-number:" + numberHash;

    // One key for every sign-in code of the site, one for every confirmation code, each made once.
    public string Site { get; } = TagOf(options.Value.CacheKeyPrefix) + "site";

    public string ConfirmationSite { get; } = TagOf(options.Value.CacheKeyPrefix) + "confirm-site";

    public string GuardWindow(string region, long window) =>
        string.Create(CultureInfo.InvariantCulture, $"{_tag}guard:{region}:{window}");

    public string GuardStopped(string region) => _tag + "guard-stopped:" + region;

    // The hash tag every key begins with: on Redis Cluster, the part in braces picks the slot.
    private static string TagOf(string cacheKeyPrefix) => "{" + cacheKeyPrefix + "budgets}";
}

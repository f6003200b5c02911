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

    // A guard scope is a region ("US") or a range within one ("US:201555").
    public string GuardWindow(string scope, long window) =>
        string.Create(CultureInfo.InvariantCulture, $"{_tag}guard:{scope}:{window}");

    public string GuardStopped(string scope) => _tag + "guard-stopped:" + scope;

    // In the budgets' slot: the charge script that finds a tier stopped uses the clearance up in the same step.
    public string Clearance(string userHash) => _tag + "guard-cleared:" + userHash;

    // The hash tag every key begins with: on Redis Cluster, the part in braces picks the slot.
    private static string TagOf(string cacheKeyPrefix) => "{" + cacheKeyPrefix + "budgets}";
}

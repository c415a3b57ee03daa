using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Returns.ServiceDefaults.Http;

namespace Returns.Staff.Users;

/// <summary>
/// Failed sign-ins lock the account (Http:FailedSignInsPerAccount in a row, whatever the address: guessing one person's
/// password from many addresses fails) and, at a much higher count, the address (one address guessing many accounts).
/// Behind a known proxy the address is the client's own (Http:KnownProxies), so one guesser does not lock out everyone
/// behind the same proxy. Kept in memory: a restart forgets, which costs an attacker nothing they did not have.
/// </summary>
public sealed class SignInLockout(IOptions<HttpLimitsOptions> options, TimeProvider clock)
{
    /// <summary>Bounds the memory a stream of made-up names can take.</summary>
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Failures> failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last);

    /// <summary>How long the account or the address stays locked; null when neither is.</summary>
    public TimeSpan? LockedFor(string account, IPAddress? address)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        TimeSpan? Locked(string key, int limit) =>
            failures.TryGetValue(key, out var f) && f.Count >= limit && f.Last + limits.SignInLockout > now ? f.Last + limits.SignInLockout - now : null;
        return Locked(AccountKey(account), limits.FailedSignInsPerAccount) ?? Locked(AddressKey(address), limits.FailedSignInsPerAddress);
    }

    public void Failed(string account, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (failures.Count >= MaxTracked)
            Forget(now);
        foreach (var key in new[] { AccountKey(account), AddressKey(address) })
            failures.AddOrUpdate(key, _ => new Failures(1, now),
                (_, f) => new Failures(f.Last + options.Value.SignInLockout > now ? f.Count + 1 : 1, now));
    }

    /// <summary>A right password ends the account's run of failures (not the address's).</summary>
    public void Succeeded(string account) => failures.TryRemove(AccountKey(account), out _);

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, f) in failures)
            if (f.Last + options.Value.SignInLockout <= now)
                failures.TryRemove(key, out _);
    }

    private static string AccountKey(string account) => "account:" + account.Trim();

    private static string AddressKey(IPAddress? address) => "address:" + address;
}

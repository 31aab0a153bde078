using System.Collections.Concurrent;
using System.Net;

namespace Belonging.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins that have no account row to count on: per client address (any e-mail), and per unknown e-mail
/// address, so an unknown address locks after as many tries as a real one and the lockout does not tell them apart.
/// In memory, per instance; the per-account count of real accounts is stored on the account.
/// </summary>
internal sealed class SignInThrottle(TimeProvider clock)
{
    /// <summary>Wrong passwords in a row that lock an account (or an unknown e-mail).</summary>
    public const int AccountLimit = 10;

    /// <summary>Wrong passwords from one client address within <see cref="Lockout"/> that lock that address out.</summary>
    public const int AddressLimit = 50;

    /// <summary>How long a lockout lasts.</summary>
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    // Bounded: beyond this many tracked keys the oldest windows are dropped first (an attacker spraying
    // addresses cannot grow memory without bound; the per-address limit still applies to them).
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public bool IsLocked(IPAddress? address, string? unknownEmail) =>
        IsLocked(AddressKey(address)) || (unknownEmail is not null && IsLocked(EmailKey(unknownEmail)));

    public void Failed(IPAddress? address, string? unknownEmail)
    {
        Count(AddressKey(address), AddressLimit);
        if (unknownEmail is not null)
        {
            Count(EmailKey(unknownEmail), AccountLimit);
        }
    }

    private bool IsLocked(string key) => entries.TryGetValue(key, out var e) && e.LockedUntil is { } until && clock.GetUtcNow() < until;

    private void Count(string key, int limit)
    {
        var now = clock.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            foreach (var stale in entries.Where(p => p.Value.WindowStart + Lockout < now && (p.Value.LockedUntil is null || p.Value.LockedUntil < now)).Select(p => p.Key).ToList())
            {
                entries.TryRemove(stale, out _);
            }
        }

        entries.AddOrUpdate(
            key,
            _ => Entry.First(now, limit),
            (_, e) => e.Next(now, limit));
    }

    private static string AddressKey(IPAddress? address) => "ip:" + (address?.ToString() ?? "unknown");

    private static string EmailKey(string email) => "email:" + email;

    private sealed record Entry(DateTimeOffset WindowStart, int Failures, DateTimeOffset? LockedUntil)
    {
        public static Entry First(DateTimeOffset now, int limit) => limit <= 1 ? new(now, 0, now + Lockout) : new(now, 1, null);

        public Entry Next(DateTimeOffset now, int limit)
        {
            var fresh = WindowStart + Lockout < now ? new Entry(now, 0, LockedUntil) : this;
            var failures = fresh.Failures + 1;
            return failures >= limit ? fresh with { Failures = 0, WindowStart = now, LockedUntil = now + Lockout } : fresh with { Failures = failures };
        }
    }
}

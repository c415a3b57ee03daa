using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Returns.ServiceDefaults.Http;

namespace Returns.Staff.Users;

/// <summary>Creates users, checks passwords (ASP.NET Core Identity's PBKDF2 hasher) and turns a user into the claims
/// the console's cookie carries: name, role, the scopes of that role, and a stamp that changes with the password, the role
/// and each sign-out.</summary>
public sealed class StaffAccounts(IStaffUserStore store, TimeProvider clock)
{
    public const int MinPasswordLength = 10;
    public const string StampClaim = "returns:stamp";

    private static readonly PasswordHasher<StaffUser> Hasher = new();

    /// <summary>Creates the user or replaces their role and password.</summary>
    /// <exception cref="InvalidAccountException">the name, role or password is not acceptable.</exception>
    public async Task<StaffUser> SetAsync(string name, string role, string password, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            throw new InvalidAccountException("a user name is 1–64 letters, digits, '.', '-', '_' or '@'");
        if (!StaffRoles.IsKnown(role))
            throw new InvalidAccountException($"the role is one of: {string.Join(", ", StaffRoles.All)}");
        if (password.Length < MinPasswordLength)
            throw new InvalidAccountException($"a password has at least {MinPasswordLength} characters");

        var existing = await store.FindAsync(name, cancellationToken);
        var now = clock.GetUtcNow();
        var user = new StaffUser
        {
            Name = name, Role = role, PasswordHash = "", CreatedAt = existing?.CreatedAt ?? now, UpdatedAt = existing is null ? null : now,
        };
        user = user with { PasswordHash = Hasher.HashPassword(user, password) };
        await store.SaveAsync(user, cancellationToken);
        return user;
    }

    public async Task SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(name, cancellationToken) is { } user)
            await store.SaveAsync(user with { Disabled = disabled, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
    }

    /// <summary>Ends every session of <paramref name="name"/> on the server: their stamp changes, so no cookie issued
    /// before, kept or copied, is accepted again.</summary>
    public async Task SignOutAsync(string name, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(name, cancellationToken) is { } user)
            await store.SaveAsync(user with { SignedOutAt = clock.GetUtcNow() }, cancellationToken);
    }

    /// <summary>The user when the name and password match an enabled account; otherwise null, in about the same time.</summary>
    public async Task<StaffUser?> SignInAsync(string name, string password, CancellationToken cancellationToken)
    {
        var user = await store.FindAsync(name.Trim(), cancellationToken);
        var probe = user ?? new StaffUser { Name = "", Role = "", PasswordHash = DummyHash, CreatedAt = default };
        var result = Hasher.VerifyHashedPassword(probe, probe.PasswordHash, password);
        if (user is null || user.Disabled || result == PasswordVerificationResult.Failed)
            return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await store.SaveAsync(user with { PasswordHash = Hasher.HashPassword(user, password) }, cancellationToken);
        return user;
    }

    /// <summary>The signed-in principal is still valid: the user exists, is enabled and has not changed password or role.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        principal.Identity?.Name is { } name
        && await store.FindAsync(name, cancellationToken) is { Disabled: false } user
        && principal.FindFirstValue(StampClaim) == Stamp(user);

    public static ClaimsPrincipal Principal(StaffUser user, string scheme)
    {
        Claim[] claims =
        [
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
            new(StampClaim, Stamp(user)),
            .. ScopesOf(user.Role).Select(scope => new Claim(Scopes.ClaimType, scope)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>A person's role maps onto the same scopes API keys carry, so one set of policies serves both.</summary>
    public static string[] ScopesOf(string role) => role == StaffRoles.Admin
        ? [Scopes.Ingest, Scopes.Read, Scopes.Admin]
        : [Scopes.Ingest, Scopes.Read];

    private static string Stamp(StaffUser user) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        user.Role + "\n" + user.PasswordHash + "\n" + user.SignedOutAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture))))[..16];

    private static readonly string DummyHash = Hasher.HashPassword(new StaffUser { Name = "", Role = "", PasswordHash = "", CreatedAt = default },
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
}

/// <summary>A user name, role or password that the console does not accept; the message says why.</summary>
public sealed class InvalidAccountException(string message) : Exception(message);

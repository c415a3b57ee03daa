namespace Returns.Staff.Users;

/// <summary>A person who signs in to the console. The password is kept only as ASP.NET Core Identity's hash.</summary>
public sealed record StaffUser
{
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required string PasswordHash { get; init; }
    public bool Disabled { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the user last signed out. It is part of the stamp every session carries, so signing out ends every
    /// session of the user on the server, including a cookie copied before.</summary>
    public DateTimeOffset? SignedOutAt { get; init; }
}

/// <summary>What a person may do: reviewers upload, read and review; admins also manage users and compile reports.</summary>
public static class StaffRoles
{
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public static readonly string[] All = [Reviewer, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

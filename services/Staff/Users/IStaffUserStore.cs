namespace Returns.Staff.Users;

/// <summary>Console users, kept beside the results (the same SQLite file, or the same MongoDB database).</summary>
public interface IStaffUserStore
{
    Task<StaffUser?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates the user, or replaces the one with the same name.</summary>
    Task SaveAsync(StaffUser user, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken);
}

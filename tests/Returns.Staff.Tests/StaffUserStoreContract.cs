using Returns.Staff.Users;

namespace Returns.Staff.Tests;

/// <summary>What any user store must do; run against SQLite always and MongoDB when it is reachable.</summary>
public abstract class StaffUserStoreContract
{
    protected abstract IStaffUserStore Store { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static StaffUser User(string name, string role = StaffRoles.Reviewer) => new()
    {
        Name = name, Role = role, PasswordHash = "hash-of-" + name, CreatedAt = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task A_saved_user_is_found_by_name_and_an_unknown_name_is_not()
    {
        await Store.SaveAsync(User("rita"), Token);
        Assert.Equal(User("rita"), await Store.FindAsync("rita", Token));
        Assert.Null(await Store.FindAsync("nobody", Token));
    }

    [Fact]
    public async Task Saving_a_user_again_replaces_role_password_and_state_and_lists_them_once()
    {
        await Store.SaveAsync(User("sam"), Token);
        var changed = User("sam", StaffRoles.Admin) with { PasswordHash = "new", Disabled = true, UpdatedAt = DateTimeOffset.UnixEpoch };
        await Store.SaveAsync(changed, Token);
        Assert.Equal(changed, await Store.FindAsync("sam", Token));
        Assert.Single(await Store.ListAsync(Token), u => u.Name == "sam");
    }

    [Fact]
    public async Task Users_are_listed_by_name()
    {
        foreach (var name in new[] { "zoe", "ann", "mia" })
            await Store.SaveAsync(User(name), Token);
        Assert.Equal(["ann", "mia", "zoe"], (await Store.ListAsync(Token)).Select(u => u.Name));
    }
}

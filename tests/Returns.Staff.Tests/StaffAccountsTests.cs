using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.ServiceDefaults.Http;
using Returns.Staff.Users;

namespace Returns.Staff.Tests;

public sealed class StaffAccountsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-accounts-");
    private readonly SqliteStaffUserStore store;
    private readonly StaffAccounts accounts;

    public StaffAccountsTests()
    {
        store = new SqliteStaffUserStore(Options.Create(new ResultsOptions { SqlitePath = Path.Combine(folder.FullName, "results.db") }));
        accounts = new StaffAccounts(store, TimeProvider.System);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_password_is_stored_only_as_a_hash_and_only_the_right_one_signs_in()
    {
        await accounts.SetAsync("rita", StaffRoles.Reviewer, "correct horse battery", Token);
        Assert.DoesNotContain("correct horse", (await store.FindAsync("rita", Token))!.PasswordHash);
        Assert.NotNull(await accounts.SignInAsync("rita", "correct horse battery", Token));
        Assert.Null(await accounts.SignInAsync("rita", "correct horse batterY", Token));
        Assert.Null(await accounts.SignInAsync("nobody", "correct horse battery", Token));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_open_session_ends()
    {
        var user = await accounts.SetAsync("sam", StaffRoles.Reviewer, "a long enough password", Token);
        var session = StaffAccounts.Principal(user, StaffModule.Scheme);
        Assert.True(await accounts.IsCurrentAsync(session, Token));
        await accounts.SetDisabledAsync("sam", true, Token);
        Assert.Null(await accounts.SignInAsync("sam", "a long enough password", Token));
        Assert.False(await accounts.IsCurrentAsync(session, Token));
    }

    [Fact]
    public async Task A_new_password_or_role_ends_the_sessions_signed_in_with_the_old_one()
    {
        var user = await accounts.SetAsync("ann", StaffRoles.Reviewer, "first password here", Token);
        var session = StaffAccounts.Principal(user, StaffModule.Scheme);
        await accounts.SetAsync("ann", StaffRoles.Admin, "first password here", Token);
        Assert.False(await accounts.IsCurrentAsync(session, Token));
    }

    [Fact]
    public async Task Roles_map_to_scopes_reviewers_never_get_admin()
    {
        var reviewer = StaffAccounts.Principal(await accounts.SetAsync("r", StaffRoles.Reviewer, "reviewer password", Token), StaffModule.Scheme);
        var admin = StaffAccounts.Principal(await accounts.SetAsync("a", StaffRoles.Admin, "admin password!", Token), StaffModule.Scheme);
        Assert.False(reviewer.HasClaim(Scopes.ClaimType, Scopes.Admin));
        Assert.True(reviewer.HasClaim(Scopes.ClaimType, Scopes.Read));
        Assert.True(admin.HasClaim(Scopes.ClaimType, Scopes.Admin));
    }

    [Theory]
    [InlineData("", StaffRoles.Admin, "long enough password")]
    [InlineData("../etc", StaffRoles.Admin, "long enough password")]
    [InlineData("ok", "root", "long enough password")]
    [InlineData("ok", StaffRoles.Admin, "short")]
    public async Task Bad_names_roles_and_short_passwords_are_refused_with_a_reason(string name, string role, string password)
    {
        var error = await Assert.ThrowsAsync<InvalidAccountException>(() => accounts.SetAsync(name, role, password, Token));
        Assert.NotEmpty(error.Message);
        Assert.Empty(await store.ListAsync(Token));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}

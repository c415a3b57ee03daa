using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Staff.Users;

namespace Returns.Staff.Pages;

/// <summary>Sign-out ends the session on the server too (the user's stamp changes), not only in this browser: a cookie
/// kept or copied before it is refused afterwards.</summary>
public sealed class LogoutModel(StaffAccounts accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.Name is { } name)
            await accounts.SignOutAsync(name, cancellationToken);
        await HttpContext.SignOutAsync(StaffModule.Scheme);
        return Redirect("/login");
    }
}

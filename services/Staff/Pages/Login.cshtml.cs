using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Staff.Users;

namespace Returns.Staff.Pages;

public sealed class LoginModel(StaffAccounts accounts, IStaffUserStore users, SignInLockout lockout) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public bool NoUsers { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        NoUsers = (await users.ListAsync(cancellationToken)).Count == 0;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var address = HttpContext.Connection.RemoteIpAddress;
        if (lockout.LockedFor(Name, address) is { } wait)
        {
            // Checked before the password: a locked account tells a guesser nothing, right password or not.
            Error = $"Too many failed sign-ins. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes, or ask an admin.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (await accounts.SignInAsync(Name, Password, cancellationToken) is not { } user)
        {
            lockout.Failed(Name, address);
            Error = "That user name and password do not match an active account.";
            return Page();
        }
        lockout.Succeeded(Name);
        await HttpContext.SignInAsync(StaffModule.Scheme, StaffAccounts.Principal(user, StaffModule.Scheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}

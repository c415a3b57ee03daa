using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Staff.Users;

namespace Returns.Staff.Pages;

public sealed class LoginModel(StaffAccounts accounts, IStaffUserStore users) : PageModel
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
        if (await accounts.SignInAsync(Name, Password, cancellationToken) is not { } user)
        {
            Error = "That user name and password do not match an active account.";
            return Page();
        }
        await HttpContext.SignInAsync(StaffModule.Scheme, StaffAccounts.Principal(user, StaffModule.Scheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}

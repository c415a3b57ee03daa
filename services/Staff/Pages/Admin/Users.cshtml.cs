using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Staff.Users;

namespace Returns.Staff.Pages.Admin;

/// <summary>Admins add people, set passwords and disable accounts; a change ends that person's open sessions.</summary>
public sealed class UsersModel(IStaffUserStore store, StaffAccounts accounts) : PageModel
{
    public IReadOnlyList<StaffUser> Users { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await store.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(string name, string role, string password, CancellationToken cancellationToken)
    {
        try
        {
            var user = await accounts.SetAsync(name ?? "", role ?? "", password ?? "", cancellationToken);
            Message = $"{user.Name} saved as {user.Role}.";
        }
        catch (InvalidAccountException e)
        {
            (Message, Failed) = (e.Message, true);
        }
        Users = await store.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync(string name, CancellationToken cancellationToken)
    {
        if (name != User.Identity!.Name && await store.FindAsync(name, cancellationToken) is { } user)
            await accounts.SetDisabledAsync(name, !user.Disabled, cancellationToken);
        return RedirectToPage();
    }
}

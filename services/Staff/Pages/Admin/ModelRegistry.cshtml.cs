using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Models;
using Returns.Results.Promotion;

namespace Returns.Staff.Pages.Admin;

/// <summary>Admins run a candidate in shadow, promote a version or roll back; the workers switch between two batches
/// (ModelRegistryChanged).</summary>
public sealed class ModelRegistryModel(ModelCatalog models, ModelPromotions promotions) : PageModel
{
    public IReadOnlyList<RegisteredVersion> Versions { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public void OnGet() => Versions = models.Registry.List();

    public Task<IActionResult> OnPostPromoteAsync(string version, string? reason, bool force, CancellationToken cancellationToken) =>
        ChangeAsync(ct => promotions.PromoteAsync(new PromotionRequest(version ?? "", User.Identity!.Name!, reason, force), ct), cancellationToken);

    public Task<IActionResult> OnPostShadowAsync(string version, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(ct => promotions.ShadowAsync(string.IsNullOrEmpty(version) ? throw new ArgumentException("choose a version") : version,
            User.Identity!.Name!, reason, ct), cancellationToken);

    public Task<IActionResult> OnPostEndShadowAsync(string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(ct => promotions.ShadowAsync(null, User.Identity!.Name!, reason, ct), cancellationToken);

    public Task<IActionResult> OnPostRollbackAsync(string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(ct => promotions.RollbackAsync(User.Identity!.Name!, reason, ct), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<CancellationToken, Task<RegistryEvent>> change, CancellationToken cancellationToken)
    {
        try
        {
            var happened = await change(cancellationToken);
            Message = happened.Action switch
            {
                RegistryActions.Shadow => $"{happened.Version} now runs in shadow on a copy of live traffic; compare it on the Model page.",
                RegistryActions.EndShadow => $"{happened.Previous ?? "No version"} no longer runs in shadow.",
                _ => $"{happened.Action}: {happened.Version} is production (was {happened.Previous}); the workers switch between two batches.",
            };
        }
        catch (Exception e) when (e is ModelUnavailableException or RegistryConflictException or PromotionRefusedException or ArgumentException)
        {
            (Message, Failed) = (e.Message, true);
        }
        Versions = models.Registry.List();
        return Page();
    }
}

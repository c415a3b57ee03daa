using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Returns.Models;
using Returns.Results.Promotion;
using Returns.ServiceDefaults;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>`returns model list|show|promote|rollback`: the registry from the command line. Promote and rollback also
/// tell the workers (ModelPromoted); distributed, that needs the operations broker user and Messaging:Transport=RabbitMq.</summary>
public static class ModelCommands
{
    public static Command Create()
    {
        var version = new Argument<string>("version") { Description = "a model version (a folder of the models folder)" };
        var reason = new Option<string?>("--reason") { Description = "why, for the registry's history" };
        var force = new Option<bool>("--force") { Description = "promote even if its card scores worse than production's" };

        var list = new Command("list", "Every version with its status and test accuracy, then the registry's history.");
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(parsed => List(Folder(parsed.UnmatchedTokens.ToArray())));

        var show = new Command("show", "A version's card: labels, input, test accuracy, review threshold, lineage.") { version };
        show.TreatUnmatchedTokensAsErrors = false;
        show.SetAction(parsed => Show(Folder(parsed.UnmatchedTokens.ToArray()), parsed.GetValue(version)!));

        var promote = new Command("promote", "Make a version production; every worker switches to it between two batches.") { version, reason, force };
        promote.TreatUnmatchedTokensAsErrors = false;
        promote.SetAction((parsed, cancellationToken) => ChangeAsync(parsed.UnmatchedTokens.ToArray(), (promotions, ct) => promotions.PromoteAsync(
            new PromotionRequest(parsed.GetValue(version)!, Environment.UserName, parsed.GetValue(reason), parsed.GetValue(force)), ct), cancellationToken));

        var rollback = new Command("rollback", "Go back to the version that was production before the current one.") { reason };
        rollback.TreatUnmatchedTokensAsErrors = false;
        rollback.SetAction((parsed, cancellationToken) => ChangeAsync(parsed.UnmatchedTokens.ToArray(),
            (promotions, ct) => promotions.RollbackAsync(Environment.UserName, parsed.GetValue(reason), ct), cancellationToken));

        return new Command("model", "Model versions: the registry, its history, promotion and rollback.") { list, show, promote, rollback };
    }

    private static ModelsFolder Folder(string[] args) =>
        ModelsFolder.From(new ConfigurationBuilder().AddOverrides(args).Build().GetSection(ModelsOptions.Section).Get<ModelsOptions>()?.Path);

    private static int List(ModelsFolder models)
    {
        var table = new Table().AddColumns("version", "status", "test accuracy", "corrections", "parent");
        foreach (var v in models.Registry.List())
            table.AddRow(v.Version, v.Status, v.Card.Evaluation is { } e ? $"{e.Accuracy:P1}" : "", v.Card.Lineage?.Corrections.ToString() ?? "",
                v.Card.Lineage?.Parent ?? "");
        AnsiConsole.Write(table);
        foreach (var e in models.Registry.Read().History)
            AnsiConsole.MarkupLineInterpolated($"{e.At:yyyy-MM-dd HH:mm:ss}Z  {e.Action,-10} {e.Version ?? "-"} (was {e.Previous ?? "-"}) by {e.By}{(e.Reason is null ? "" : ": " + e.Reason)}");
        return 0;
    }

    private static int Show(ModelsFolder models, string version)
    {
        if (models.FindCard(version) is not { } card)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]no model version {version} in {models.Path}[/]");
            return 1;
        }
        var status = ModelRegistry.StatusOf(models.Registry.Read(), version);
        AnsiConsole.MarkupLineInterpolated($"{card.Name} {card.Version} ({status}), SHA-256 {card.Sha256}");
        AnsiConsole.MarkupLineInterpolated($"labels: {string.Join(", ", card.Labels)}; input {card.Input.Width}×{card.Input.Height}");
        if (card.Evaluation is { } e)
            AnsiConsole.MarkupLineInterpolated($"test split: {e.Images} images, accuracy {e.Accuracy:P1}");
        if (card.Review is { } r)
            AnsiConsole.MarkupLineInterpolated($"review under {r.Threshold:P1} confidence (target accuracy {r.TargetAccuracy:P0})");
        if (card.Lineage is { } l)
            AnsiConsole.MarkupLineInterpolated($"lineage: dataset {l.DatasetSha256[..12]}…, {l.Corrections} corrections, parent {l.Parent ?? "none"}");
        return 0;
    }

    private static async Task<int> ChangeAsync(string[] args, Func<ModelPromotions, CancellationToken, Task<RegistryEvent>> change,
        CancellationToken cancellationToken)
    {
        using var host = BuildHost(args);
        await host.StartAsync(cancellationToken);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var happened = await change(scope.ServiceProvider.GetRequiredService<ModelPromotions>(), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"{happened.Action}: {happened.Version} is production (was {happened.Previous}); workers told.");
            return 0;
        }
        catch (Exception e) when (e is ModelUnavailableException or RegistryConflictException or PromotionRefusedException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Just enough host to publish: the models folder and a bus (in-memory unless configured otherwise, where
    /// nobody listens: an embedded run reads the registry when it starts).</summary>
    private static IHost BuildHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddOverrides(args);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.AddModelsFolder();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ModelPromotions>();
        builder.AddReturnsMessaging(_ => { });
        return builder.Build();
    }
}

using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Returns.Models;
using Returns.Results;
using Returns.Results.Promotion;
using Returns.Results.Shadow;
using Returns.ServiceDefaults;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>`returns model list|show|shadow|compare|promote|rollback`: the registry from the command line. Changes also
/// tell the workers (ModelRegistryChanged); distributed, that needs the operations broker user and Messaging:Transport=RabbitMq.
/// compare and the promotion gate read the results store under --data (or Results:SqlitePath, Results:MongoConnectionString).</summary>
public static class ModelCommands
{
    public static Command Create(Option<DirectoryInfo> data)
    {
        var version = new Argument<string>("version") { Description = "a model version (a folder of the models folder)" };
        var reason = new Option<string?>("--reason") { Description = "why, for the registry's history" };
        var force = new Option<bool>("--force") { Description = "promote even if it is worse than production on its test split or on reviewed images" };
        var end = new Option<bool>("--end") { Description = "end the shadow run: no version in shadow" };
        var shadowVersion = new Argument<string?>("version") { Description = "the candidate to run in shadow", Arity = ArgumentArity.ZeroOrOne };

        var list = new Command("list", "Every version with its status and test accuracy, then the registry's history.");
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(parsed => List(Folder(parsed.UnmatchedTokens.ToArray())));

        var show = new Command("show", "A version's card: labels, input, test accuracy, review threshold, lineage.") { version };
        show.TreatUnmatchedTokensAsErrors = false;
        show.SetAction(parsed => Show(Folder(parsed.UnmatchedTokens.ToArray()), parsed.GetValue(version)!));

        var shadow = new Command("shadow", "Run a candidate on a copy of live traffic, stored apart from the outcomes (--end stops it).")
        {
            shadowVersion, end, reason, data,
        };
        shadow.TreatUnmatchedTokensAsErrors = false;
        shadow.SetAction((parsed, cancellationToken) =>
        {
            if (parsed.GetValue(end) == (parsed.GetValue(shadowVersion) is not null))
            {
                AnsiConsole.MarkupLine("[red]name a version to put in shadow, or give --end[/]");
                return Task.FromResult(1);
            }
            return ChangeAsync(parsed.GetValue(data)!, parsed.UnmatchedTokens.ToArray(),
                (services, ct) => services.GetRequiredService<ModelPromotions>().ShadowAsync(parsed.GetValue(shadowVersion), Environment.UserName, parsed.GetValue(reason), ct),
                cancellationToken);
        });

        var compare = new Command("compare", "A candidate's shadow outcomes against production: agreement, accuracy on reviewed images, latency.")
        {
            version, data,
        };
        compare.TreatUnmatchedTokensAsErrors = false;
        compare.SetAction((parsed, cancellationToken) => CompareAsync(parsed.GetValue(data)!, parsed.UnmatchedTokens.ToArray(), parsed.GetValue(version)!,
            cancellationToken));

        var promote = new Command("promote", "Make a version production; every worker switches to it between two batches.") { version, reason, force, data };
        promote.TreatUnmatchedTokensAsErrors = false;
        promote.SetAction((parsed, cancellationToken) => ChangeAsync(parsed.GetValue(data)!, parsed.UnmatchedTokens.ToArray(),
            (services, ct) => services.GetRequiredService<ModelPromotions>().PromoteAsync(
                new PromotionRequest(parsed.GetValue(version)!, Environment.UserName, parsed.GetValue(reason), parsed.GetValue(force)), ct), cancellationToken));

        var rollback = new Command("rollback", "Go back to the version that was production before the current one.") { reason, data };
        rollback.TreatUnmatchedTokensAsErrors = false;
        rollback.SetAction((parsed, cancellationToken) => ChangeAsync(parsed.GetValue(data)!, parsed.UnmatchedTokens.ToArray(),
            (services, ct) => services.GetRequiredService<ModelPromotions>().RollbackAsync(Environment.UserName, parsed.GetValue(reason), ct), cancellationToken));

        return new Command("model", "Model versions: the registry, its history, shadow runs, comparison, promotion and rollback.")
        {
            list, show, shadow, compare, promote, rollback,
        };
    }

    private static ModelsFolder Folder(string[] args) =>
        ModelsFolder.From(new ConfigurationBuilder().AddOverrides(args).Build().GetSection(ModelsOptions.Section).Get<ModelsOptions>()?.Path);

    private static int List(ModelsFolder models)
    {
        var table = new Table().AddColumns("version", "status", "test accuracy", "corrections", "parent", "processor");
        foreach (var v in models.Registry.List())
            table.AddRow(v.Version, v.Status, v.Card.Evaluation is { } e ? $"{e.Accuracy:P1}" : "", v.Card.Lineage?.Corrections.ToString() ?? "",
                v.Card.Lineage?.Parent ?? "", Markup.Escape(ProcessorNeeds(v.Card)));
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
        AnsiConsole.MarkupLineInterpolated($"processor: {ProcessorNeeds(card)}{(card.Requires is { } needs ? ". " + needs.Reason : "")}");
        return 0;
    }

    private static string ProcessorNeeds(ModelCard card) => card.Requires is { } needs ? $"needs {string.Join(" or ", needs.AnyOf)}" : "any x86-64";

    private static async Task<int> CompareAsync(DirectoryInfo data, string[] args, string candidate, CancellationToken cancellationToken)
    {
        using var host = BuildHost(data, args);
        var models = host.Services.GetRequiredService<ModelsFolder>();
        if (models.FindCard(candidate) is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]no model version {candidate} in {models.Path}[/]");
            return 1;
        }
        var production = models.Registry.Read().Production;
        var comparison = await host.Services.GetRequiredService<ModelComparer>().CompareAsync(candidate, production, cancellationToken);
        ComparisonOutput.Print(comparison);
        return 0;
    }

    private static async Task<int> ChangeAsync(DirectoryInfo data, string[] args, Func<IServiceProvider, CancellationToken, Task<RegistryEvent>> change,
        CancellationToken cancellationToken)
    {
        using var host = BuildHost(data, args);
        await host.StartAsync(cancellationToken);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var happened = await change(scope.ServiceProvider, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"{Describe(happened)}; workers told.");
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

    private static string Describe(RegistryEvent happened) => happened.Action switch
    {
        RegistryActions.Shadow => $"shadow: {happened.Version} classifies a copy of live traffic (was {happened.Previous ?? "none"})",
        RegistryActions.EndShadow => $"end-shadow: {happened.Previous ?? "no version"} no longer runs in shadow",
        _ => $"{happened.Action}: {happened.Version} is production (was {happened.Previous})",
    };

    /// <summary>Just enough host to read the results store and publish: the models folder, the stores and a bus (in-memory
    /// unless configured otherwise, where nobody listens: an embedded run reads the registry when it starts).</summary>
    private static IHost BuildHost(DirectoryInfo data, string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new DataFolder(data).Settings());
        builder.Configuration.AddOverrides(args);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.AddResultStores();
        builder.AddReturnsMessaging(_ => { });
        return builder.Build();
    }
}

using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results;
using Returns.Results.Lines;
using Returns.Results.Storage;
using Returns.ServiceDefaults;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>
/// `returns returns import FILE`: registers returns without a broker. Each return goes through the results service's own
/// ReturnRegistered consumer on the in-memory bus, over the store in --data, so `returns serve` on the same folder shows them
/// and assesses their lines as photos arrive. Where the settings name RabbitMQ, the returns are published there instead
/// and the results service registers them.
/// </summary>
public static class ReturnsImport
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<int> ExecuteAsync(FileInfo file, DirectoryInfo data, string[] settings, CancellationToken cancellationToken)
    {
        if (Read(file) is not { } contents)
            return 2;
        using var host = Build(data, settings);
        var distributed = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value.Distributed;
        await host.StartAsync(cancellationToken);
        try
        {
            var consumed = distributed ? null : Observe(host.Services.GetRequiredService<IBus>());
            var known = await KnownLinesAsync(host.Services.GetRequiredService<IReturnLineStore>(), contents, cancellationToken);
            var bus = host.Services.GetRequiredService<IBus>();
            foreach (var registered in contents.Returns)
                await bus.Publish(registered, cancellationToken);
            if (consumed is null)
            {
                AnsiConsole.MarkupLineInterpolated($"{contents.Returns.Count} returns ({contents.Lines} lines) sent to the broker; the results service registers them.");
                return 0;
            }
            return await ReportAsync(host.Services.GetRequiredService<IReturnLineStore>(), contents, known, consumed, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static ReturnFileContents? Read(FileInfo file)
    {
        if (!file.Exists || file.Length > ReturnFile.MaxBytes)
        {
            Console.Error.WriteLine(file.Exists ? $"{file.Name} is over {ReturnFile.MaxBytes / 1024 / 1024} MB" : $"{file.FullName} does not exist");
            return null;
        }
        var contents = ReturnFile.Read(File.ReadAllText(file.FullName), TimeProvider.System);
        foreach (var problem in contents.Problems)
            Console.Error.WriteLine(problem);
        if (contents.Problems.Count > 0)
            Console.Error.WriteLine($"nothing registered: fix {file.Name} and import it again");
        else if (contents.Returns.Count == 0)
            Console.Error.WriteLine($"{file.Name} lists no returns");
        return contents.Problems.Count == 0 && contents.Returns.Count > 0 ? contents : null;
    }

    private static IHost Build(DirectoryInfo data, string[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new DataFolder(data).Settings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{MessagingOptions.Section}:Transport"] = Transports.InMemory });
        builder.Configuration.AddOverrides(settings);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.AddResults();
        var distributed = builder.AddValidatedOptions<MessagingOptions>(MessagingOptions.Section).Distributed;
        builder.AddReturnsMessaging(bus =>
        {
            if (!distributed)
                bus.AddResultsConsumers();
        });
        return builder.Build();
    }

    private static async Task<int> KnownLinesAsync(IReturnLineStore lines, ReturnFileContents contents, CancellationToken cancellationToken)
    {
        var known = 0;
        foreach (var r in contents.Returns)
            foreach (var line in r.Lines)
                known += await lines.FindLineAsync(r.ReturnId, line.LineId, cancellationToken) is null ? 0 : 1;
        return known;
    }

    private static async Task<int> ReportAsync(IReturnLineStore lines, ReturnFileContents contents, int known, ConsumedReturns consumed,
        CancellationToken cancellationToken)
    {
        var unfinished = await consumed.WaitAsync(contents.Returns.Select(r => r.ReturnId).ToArray(), Patience, cancellationToken);
        foreach (var (returnId, fault) in unfinished)
            Console.Error.WriteLine($"return {returnId} was not registered: {fault ?? "no answer in time"}");
        var verdicts = 0;
        foreach (var r in contents.Returns)
            foreach (var line in r.Lines)
                verdicts += await lines.FindVerdictAsync(r.ReturnId, line.LineId, cancellationToken) is null ? 0 : 1;
        AnsiConsole.MarkupLineInterpolated(
            $"{contents.Returns.Count - unfinished.Count} of {contents.Returns.Count} returns registered: {contents.Lines} lines, {contents.Lines - known} of them new.");
        AnsiConsole.MarkupLineInterpolated(
            $"{verdicts} lines already have a verdict; the others get theirs as their photos are classified (returns serve, returns run) or when their deadline passes.");
        return unfinished.Count == 0 ? 0 : 1;
    }

    private static ConsumedReturns Observe(IBus bus)
    {
        var consumed = new ConsumedReturns();
        bus.ConnectConsumeMessageObserver(consumed);
        return consumed;
    }

    /// <summary>Which returns the consumer has finished with (or failed on, and why): the in-memory bus says when.</summary>
    private sealed class ConsumedReturns : IConsumeMessageObserver<ReturnRegistered>
    {
        private readonly Dictionary<string, string?> done = new(StringComparer.Ordinal);

        public Task PreConsume(ConsumeContext<ReturnRegistered> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<ReturnRegistered> context)
        {
            lock (done)
                done[context.Message.ReturnId] = null;
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<ReturnRegistered> context, Exception exception)
        {
            lock (done)
                done.TryAdd("fault:" + context.Message.ReturnId, exception.Message);
            return Task.CompletedTask;
        }

        /// <returns>The returns not registered, each with its last fault if it had one.</returns>
        public async Task<IReadOnlyList<(string ReturnId, string? Fault)>> WaitAsync(string[] returnIds, TimeSpan patience, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + patience;
            while (true)
            {
                lock (done)
                {
                    var missing = returnIds.Where(id => !done.ContainsKey(id)).ToArray();
                    if (missing.Length == 0 || DateTime.UtcNow > deadline)
                        return missing.Select(id => (id, done.GetValueOrDefault("fault:" + id))).ToArray();
                }
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}

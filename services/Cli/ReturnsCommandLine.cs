using System.CommandLine;

namespace Returns.Cli;

/// <summary>The `returns` command line, declared once: Program runs it, and the docs tests parse every documented
/// command with it, so a sample in docs/ cannot name a command or option that does not exist.</summary>
public static class ReturnsCommandLine
{
    public static ParseResult Parse(string[] args)
    {
        // `returns returns import FILE` reads naturally, but a command named like the executable cannot be parsed (the first
        // "returns" is taken for the program itself): it is spelled import-returns and the natural form is mapped onto it.
        if (args is ["returns", "import", .. var rest])
            args = ["import-returns", .. rest];
        return Root().Parse(args);
    }

    public static RootCommand Root()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "where the results database and the claim-check store live between runs",
            DefaultValueFactory = _ => new DirectoryInfo("returns-data"),
        };
        return new RootCommand("Returns: classifies photos of returned items and reports on the night's work.")
        {
            Run(data), Replay(), Report(data), Serve(data), UserCommands.Create(data), Corrections(data), ModelCommands.Create(data), Import(data),
        };
    }

    private static Command Run(Option<DirectoryInfo> data)
    {
        var inbox = new Option<DirectoryInfo>("--inbox")
        {
            Description = "the folder of tonight's photos (default: the sample inbox shipped with Returns)",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "sample-inbox")),
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "where report.csv, summary.json and run.json are written",
            DefaultValueFactory = _ => new DirectoryInfo("returns-report"),
        };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "give up waiting for outcomes after this long; the report then lists the rest as pending",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
        };

        var workers = new Option<WorkerPlacement>("--workers")
        {
            Description = "embedded: classify and store in this process; external: only ingest here, over RabbitMQ, while "
                + "separate Classifier.Worker and Results.Api processes do the rest (they must share --data)",
            DefaultValueFactory = _ => WorkerPlacement.Embedded,
        };

        var runId = new Option<string?>("--run-id") { Description = "names this run in the stored results (default: inbox folder name and date)" };

        var run = new Command("run", "Classify every photo in the inbox and write the night's report.") { inbox, output, data, timeout, workers, runId };
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parsed, cancellationToken) => new NightlyRun(new RunRequest(
            parsed.GetValue(inbox)!, parsed.GetValue(output)!, parsed.GetValue(data)!, parsed.GetValue(timeout),
            parsed.GetValue(workers), parsed.GetValue(runId), parsed.UnmatchedTokens.ToArray())).ExecuteAsync(cancellationToken));
        return run;
    }

    private static Command Replay()
    {
        var queues = new Option<string[]>("--queue")
        {
            Description = "endpoint queues whose _error queue to read",
            DefaultValueFactory = _ => ErrorQueueReplay.KnownQueues,
            AllowMultipleArgumentsPerToken = true,
        };
        var requeue = new Option<bool>("--requeue") { Description = "send the faulted messages back to their queues" };
        var replay = new Command("replay", "List faulted messages in the RabbitMQ _error queues by reason; --requeue sends them back.") { queues, requeue };
        replay.TreatUnmatchedTokensAsErrors = false;
        replay.SetAction(async (parsed, cancellationToken) =>
        {
            var options = Settings.Messaging(parsed.UnmatchedTokens.ToArray()).RabbitMq;
            if (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.Password))
            {
                Console.Error.WriteLine("replay needs the operations broker user: set RETURNS_Messaging__RabbitMq__Username and "
                    + "RETURNS_Messaging__RabbitMq__Password (returns-ops, created by ops/rabbitmq-users.sh)");
                return 1;
            }
            var faults = await new ErrorQueueReplay(options).RunAsync(parsed.GetValue(queues)!, parsed.GetValue(requeue), cancellationToken);
            ErrorQueueReplay.Print(faults, parsed.GetValue(requeue));
            return 0;
        });
        return replay;
    }

    private static Command Report(Option<DirectoryInfo> data)
    {
        var from = new Option<DateTimeOffset>("--from") { Description = "start of the period (inclusive), e.g. 2026-11-22T06:00Z", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "end of the period (exclusive)", Required = true };
        var reportOutput = new Option<DirectoryInfo>("--out")
        {
            Description = "the report is written to a folder named after the period inside this one",
            DefaultValueFactory = _ => new DirectoryInfo("returns-report"),
        };
        var report = new Command("report", "Compile the report of a period from the stored results, now (the results service also does it on a schedule).")
        {
            from, to, reportOutput, data,
        };
        report.TreatUnmatchedTokensAsErrors = false;
        report.SetAction((parsed, cancellationToken) => PeriodReport.ExecuteAsync(parsed.GetValue(from), parsed.GetValue(to),
            parsed.GetValue(reportOutput)!, parsed.GetValue(data)!, parsed.UnmatchedTokens.ToArray(), cancellationToken));
        return report;
    }

    private static Command Serve(Option<DirectoryInfo> data)
    {
        var port = new Option<int>("--port") { Description = "the localhost port the console listens on", DefaultValueFactory = _ => 5080 };
        var serve = new Command("serve", "Open the staff console on localhost, with the whole pipeline in this process.") { data, port };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((parsed, cancellationToken) =>
            StaffServer.RunAsync(parsed.GetValue(data)!, parsed.GetValue(port), parsed.UnmatchedTokens.ToArray(), cancellationToken));
        return serve;
    }

    private static Command Corrections(Option<DirectoryInfo> data)
    {
        var exportOutput = new Option<DirectoryInfo>("--out")
        {
            Description = "the export folder: <reviewed label>/<image id>.<jpg|png|webp> and manifest.csv", Required = true,
        };
        var reviewedFrom = new Option<DateTimeOffset?>("--from") { Description = "only images reviewed at or after this time" };
        var reviewedTo = new Option<DateTimeOffset?>("--to") { Description = "only images reviewed before this time" };
        var reviewedModel = new Option<string?>("--model-version") { Description = "only images reviewed on this model version's outcome" };
        var export = new Command("export", "Write every reviewed image under its reviewed label, as training data: the original photo while the "
            + "claim check still holds it, else its thumbnail; plus manifest.csv. Running it again gives the same folder.")
        {
            exportOutput, data, reviewedFrom, reviewedTo, reviewedModel,
        };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction((parsed, cancellationToken) => new CorrectionsExport(new CorrectionsRequest(parsed.GetValue(exportOutput)!, parsed.GetValue(data)!,
            parsed.GetValue(reviewedFrom), parsed.GetValue(reviewedTo), parsed.GetValue(reviewedModel), parsed.UnmatchedTokens.ToArray()))
            .ExecuteAsync(cancellationToken));
        var corrections = new Command("corrections", "The labels people gave in review.") { export };
        return corrections;
    }

    private static Command Import(Option<DirectoryInfo> data)
    {
        var returnsFile = new Argument<FileInfo>("file")
        {
            Description = "JSON in the ReturnRegistered schema (one return or an array), or CSV with the header "
                + "returnId,orderId,lineId,sku,declaredCategory[,registeredAt], one row per line",
        };
        var import = new Command("import-returns", "Register returns from a file, through the same consumer as returns published by upstream systems; "
            + "their lines get verdicts as their photos are classified. Importing a file twice changes nothing. Also: returns returns import FILE.")
        {
            returnsFile, data,
        };
        import.TreatUnmatchedTokensAsErrors = false;
        import.SetAction((parsed, cancellationToken) => ReturnsImport.ExecuteAsync(parsed.GetValue(returnsFile)!, parsed.GetValue(data)!,
            parsed.UnmatchedTokens.ToArray(), cancellationToken));
        return import;
    }
}

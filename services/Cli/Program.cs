using System.CommandLine;
using Returns.Cli;

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
var data = new Option<DirectoryInfo>("--data")
{
    Description = "where the results database and the claim-check store live between runs",
    DefaultValueFactory = _ => new DirectoryInfo("returns-data"),
};
var timeout = new Option<TimeSpan>("--timeout")
{
    Description = "give up waiting for outcomes after this long; the report then lists the rest as pending",
    DefaultValueFactory = _ => TimeSpan.FromHours(1),
};

var run = new Command("run", "Classify every photo in the inbox and write the night's report.") { inbox, output, data, timeout };
run.TreatUnmatchedTokensAsErrors = false;
run.SetAction((parsed, cancellationToken) => new NightlyRun(new RunRequest(
    parsed.GetValue(inbox)!, parsed.GetValue(output)!, parsed.GetValue(data)!, parsed.GetValue(timeout),
    parsed.UnmatchedTokens.ToArray())).ExecuteAsync(cancellationToken));

var root = new RootCommand("Returns: classifies photos of returned items and reports on the night's work.") { run };
return await root.Parse(args).InvokeAsync();

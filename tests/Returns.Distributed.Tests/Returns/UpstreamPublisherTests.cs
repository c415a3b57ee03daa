using System.Diagnostics;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Distributed.Tests.Returns;

/// <summary>The sample publisher for non-.NET upstream systems (Python, pika, no MassTransit) as the least-privileged
/// upstream user: its return is consumed, and it may write nowhere else.</summary>
public sealed class UpstreamPublisherTests(BrokerFixture broker) : SystemTest(broker, "upstream")
{
    [Fact]
    public async Task The_python_sample_return_is_consumed_and_its_lines_get_verdicts_once_their_deadline_passes()
    {
        Deployment.StartResults(settings: new Dictionary<string, string>
        {
            ["Results__LineVerdictDeadline"] = "00:00:02", // the sample was registered long ago: its deadline has passed
            ["Results__LineSweepInterval"] = "00:00:01",
        });
        await Broker.WaitAsync(async () => (await Broker.QueueAsync(Deployment.VirtualHost, "return-registered")).Consumers >= 1,
            TimeSpan.FromSeconds(60), "results to consume returns" + Deployment.Logs());

        var (exit, output) = await RunPublisherAsync(Path.Combine(RepoPaths.Root, "ops", "upstream", "sample-return.json"));

        Assert.True(exit == 0, output);
        await Broker.WaitAsync(() => Task.FromResult(VerdictRows.Read(Deployment.ResultsDatabase).Count == 3), TimeSpan.FromSeconds(60),
            "the sample's three lines to get verdicts" + Deployment.Logs());
        var verdicts = VerdictRows.Read(Deployment.ResultsDatabase).OrderBy(v => v.LineId).ToArray();
        Assert.All(verdicts, v => Assert.Equal(("R-1042", "O-88121", LineVerdicts.Incomplete, LineVerdictReasons.NoPhotos, 1),
            (v.ReturnId, v.OrderId, v.Verdict, v.Reason, v.Revision)));
        Assert.Equal([["dress"], ["t-shirt", "shirt", "longsleeve"], []], verdicts.Select(v => v.DeclaredLabels.ToArray()));
    }

    [Fact]
    public async Task The_upstream_user_may_publish_returns_and_nothing_else()
    {
        Deployment.StartResults();
        await Broker.WaitAsync(async () => (await Broker.QueueAsync(Deployment.VirtualHost, "return-registered")).Consumers >= 1,
            TimeSpan.FromSeconds(60), "results to consume returns" + Deployment.Logs());
        var forged = Path.Combine(Deployment.Data, "forged.json");
        File.WriteAllText(forged, """{"returnId":"R-1","orderId":"O-1","lines":[{"lineId":"1","sku":"x","declaredCategory":"Tops"}]}""");

        var allowed = await RunPublisherAsync(forged);
        var (refused, output) = await RunPublisherAsync(forged, exchange: "Returns.Contracts:ImageClassified");

        Assert.True(allowed.Exit == 0, allowed.Output);
        Assert.NotEqual(0, refused);
        Assert.Contains("ACCESS_REFUSED", output);
    }

    private async Task<(int Exit, string Output)> RunPublisherAsync(string file, string? exchange = null)
    {
        // Debian's interpreter, which has python3-pika (a python3 earlier on PATH may not).
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(RepoPaths.Root, "ops", "upstream", "publish_return.py"), file, "--port", Broker.Port.ToString(),
                     "--vhost", Deployment.VirtualHost })
            info.ArgumentList.Add(arg);
        if (exchange is not null)
        {
            info.ArgumentList.Add("--exchange");
            info.ArgumentList.Add(exchange);
        }
        info.Environment["RETURNS_UPSTREAM_PASSWORD"] = Broker.Passwords["upstream"];
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}

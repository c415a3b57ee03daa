using System.Diagnostics;
using Returns.Testing;
using SkiaSharp;

namespace Returns.Pipeline.Tests;

public sealed class HtmlReportTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-html-");

    [Fact]
    public async Task The_html_report_renders_in_headless_chromium_with_its_charts_and_the_classifiers_review_and_retake_thumbnails()
    {
        var output = Path.Combine(work.FullName, "report");
        var (exit, log) = await CliProcess.RunAsync("run", "--inbox", RepoPaths.SampleInbox, "--out", output, "--data", Path.Combine(work.FullName, "data"));
        Assert.True(exit == 0, log);
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("✔ reconciled", html);
        var retakeSection = html.IndexOf("<h2>Needs a retake (", StringComparison.Ordinal);
        Assert.True(retakeSection >= 0, "the page has no section for the photo that needs a retake");
        var retakes = html[retakeSection..];
        Assert.Contains("retake-dark-shoes-07d88b75.jpg", retakes);
        Assert.Contains("data:image/jpeg;base64,", retakes);
        Assert.Equal(3, html.Split("<svg").Length - 1);
        Assert.Contains("data:image/jpeg;base64,", html[..retakeSection]);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));

        var screenshot = Path.Combine(work.FullName, "report.png");
        await Chromium(Path.Combine(output, "report.html"), screenshot);

        using var image = SKBitmap.Decode(screenshot);
        Assert.Equal((1200, 1800), (image.Width, image.Height));
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < image.Height; y += 7)
            for (var x = 0; x < image.Width; x += 7)
                colours.Add(image.GetPixel(x, y));
        Assert.True(colours.Count > 50, $"the screenshot has {colours.Count} colours: the page did not render");
        TestContext.Current.AddAttachment("report.png", File.ReadAllBytes(screenshot), "image/png");
    }

    private async Task Chromium(string page, string screenshot)
    {
        var info = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={work.FullName}/profile",
                     "--window-size=1200,1800", $"--screenshot={screenshot}", "file://" + page,
                 })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(File.Exists(screenshot), "chromium wrote no screenshot: " + await stderr);
    }

    public void Dispose() => work.Delete(recursive: true);
}

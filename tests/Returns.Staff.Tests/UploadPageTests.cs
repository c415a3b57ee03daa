using System.Text.RegularExpressions;
using Returns.Images;

namespace Returns.Staff.Tests;

/// <summary>The upload page offers what ingest accepts, no more, and sends nothing until Upload is pressed.</summary>
public sealed partial class UploadPageTests : IAsyncLifetime
{
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await ConsoleHost.StartAsync(Token);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task The_file_picker_and_its_hint_offer_only_the_formats_ingest_accepts()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        var html = await client.GetStringAsync("/upload", Token);

        var accept = Accept().Match(html).Groups[1].Value.Split(',');
        Assert.Equal(ImageFormats.Accepted.Order(), accept.Order());
        Assert.DoesNotContain("GIF", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("BMP", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("JPEG, PNG or WebP only", html);
    }

    [Fact]
    public async Task Upload_stays_disabled_until_photos_are_chosen_and_choosing_them_sends_nothing()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        var html = await client.GetStringAsync("/upload", Token);
        var script = await client.GetStringAsync("/assets/upload.js", Token);

        Assert.Contains("<button type=\"submit\" id=\"send\" disabled>", html);
        Assert.Matches(@"input\.addEventListener\(""change"", \(\) => choose\(", script);
        Assert.DoesNotMatch(@"addEventListener\(""change"", \(\) => \{ upload\(", script);
    }

    [GeneratedRegex("id=\"files\" type=\"file\" name=\"files\" accept=\"([^\"]+)\"")]
    private static partial Regex Accept();
}

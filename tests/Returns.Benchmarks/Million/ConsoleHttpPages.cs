extern alias StaffWeb;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Returns.Staff.Users;
using Returns.Testing;
using Returns.Testing.Million;

namespace Returns.Benchmarks.Million;

/// <summary>
/// Every console page as staff request it: the console's own host (Staff.Web) on the generated store, signed in through
/// the real form as an admin and as a reviewer, each page fetched over HTTP (authentication, page model, store, Razor)
/// and its whole body read. The host runs in this process (ASP.NET Core's test server), so the socket is left out.
/// </summary>
internal sealed partial class ConsoleHttpPages : IAsyncDisposable
{
    private const string Password = "benchmark password 1";
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-million-console-");
    private readonly WebApplicationFactory<StaffWeb::Program> factory;

    private ConsoleHttpPages(string database, OutcomeMix mix)
    {
        var models = Path.Combine(folder.FullName, "models");
        Directory.CreateDirectory(models);
        foreach (var version in new[] { mix.EarlierVersion, mix.LaterVersion })
            ModelsCopy.CopyVersion(Path.Combine(RepoPaths.Models, version), Path.Combine(models, version));
        // The generated outcomes are by the mix's two versions: the later one is in production, as it was those nights.
        File.WriteAllText(Path.Combine(models, "registry.json"), new JsonObject { ["production"] = mix.LaterVersion, ["history"] = new JsonArray() }.ToJsonString());
        // Where the host's project is: a test project gets it from the build, this program is run from anywhere.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_RETURNS_STAFF_WEB", Path.Combine(RepoPaths.Root, "services", "Staff.Web"));
        factory = new WebApplicationFactory<StaffWeb::Program>().WithWebHostBuilder(web => web
            .UseSetting("Messaging:Transport", "InMemory")
            .UseSetting("Messaging:ClaimCheckPath", Path.Combine(folder.FullName, "claim-check"))
            .UseSetting("Results:SqlitePath", database)
            .UseSetting("Results:ReportsPath", Path.Combine(folder.FullName, "reports"))
            .UseSetting("Results:ReportCron", "")
            .UseSetting("Models:Path", models)
            .UseSetting("Logging:LogLevel:Default", "Warning"));
    }

    /// <summary>The pages each role opens, with the filters and ends of the results list the store work depends on.</summary>
    public static IReadOnlyList<(string Role, string Path)> Pages(OutcomeMix mix) =>
    [
        .. new[]
        {
            "/", "/results", "/results?page=1000000", "/results?label=shoes", "/results?status=needs_retake", "/results?band=low",
            "/results?reviewed=false", "/results?reviewed=true", $"/results?model={mix.EarlierVersion}", "/results?run=inbox-2026-11-15&page=1000000",
            "/review", "/returns", "/model", "/upload", "/admin/users", "/admin/model-registry",
        }.Select(path => (StaffRoles.Admin, path)),
        .. new[] { "/", "/results", "/review", "/returns" }.Select(path => (StaffRoles.Reviewer, path)),
    ];

    public static async Task<ConsoleHttpPages> StartAsync(string database, OutcomeMix mix)
    {
        var pages = new ConsoleHttpPages(database, mix);
        var accounts = pages.factory.Services.GetRequiredService<StaffAccounts>();
        foreach (var role in new[] { StaffRoles.Admin, StaffRoles.Reviewer })
            await accounts.SetAsync("bench-" + role, role, Password, CancellationToken.None);
        return pages;
    }

    private readonly Dictionary<string, HttpClient> signedIn = new(StringComparer.Ordinal);

    /// <summary>Fetches one page (its whole body) and fails unless it answers 200.</summary>
    public async Task<double> TimeAsync(string role, string path)
    {
        var client = await SignedInAsync(role);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{path} as {role} answered {(int)response.StatusCode}");
        return elapsed;
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        if (signedIn.TryGetValue(role, out var known))
            return known;
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/login");
        var token = TokenField().Match(form) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("/login renders no antiforgery token");
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "bench-" + role, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"the {role} could not sign in: {(int)response.StatusCode}");
        return signedIn[role] = client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in signedIn.Values)
            client.Dispose();
        await factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}

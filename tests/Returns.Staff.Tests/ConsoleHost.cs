using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Returns.Staff.Users;

namespace Returns.Staff.Tests;

/// <summary>The console's own host (Staff.Web) on a real SQLite file and the in-memory bus, with one admin and one reviewer.</summary>
public sealed partial class ConsoleHost : IAsyncDisposable
{
    public const string AdminPassword = "admin password 1";
    public const string ReviewerPassword = "reviewer password 1";
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-console-");

    public WebApplicationFactory<Program> Factory { get; }

    private ConsoleHost(IReadOnlyDictionary<string, string>? settings) => Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => Apply(web, settings)
        .UseSetting("Messaging:Transport", "InMemory")
        .UseSetting("Messaging:ClaimCheckPath", Path.Combine(folder.FullName, "claim-check"))
        .UseSetting("Results:SqlitePath", Path.Combine(folder.FullName, "results.db"))
        .UseSetting("Results:ReportsPath", Path.Combine(folder.FullName, "reports"))
        .UseSetting("Results:ReportCron", "")
        .UseSetting("Models:Path", Returns.Testing.ModelsCopy.Create(Path.Combine(folder.FullName, "models"))));

    private static Microsoft.AspNetCore.Hosting.IWebHostBuilder Apply(Microsoft.AspNetCore.Hosting.IWebHostBuilder web, IReadOnlyDictionary<string, string>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            web.UseSetting(key, value);
        return web;
    }

    /// <param name="settings">Configuration for this host only (e.g. Http:RequestsPerMinutePerKey).</param>
    public static async Task<ConsoleHost> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new ConsoleHost(settings);
        var accounts = host.Factory.Services.GetRequiredService<StaffAccounts>();
        await accounts.SetAsync("ada", StaffRoles.Admin, AdminPassword, cancellationToken);
        await accounts.SetAsync("rita", StaffRoles.Reviewer, ReviewerPassword, cancellationToken);
        return host;
    }

    /// <summary>A private copy of the models folder: registry changes made by a test stay in it.</summary>
    public string Models => Path.Combine(folder.FullName, "models");

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in through the real form, antiforgery token included; the client keeps the cookie.</summary>
    public async Task<HttpClient> SignedInAsync(string name, string password, CancellationToken cancellationToken)
    {
        var client = Anonymous();
        var response = await PostFormAsync(client, "/login", new() { ["Name"] = name, ["Password"] = password }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"{name} could not sign in: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Posts a page's form the way a browser does: with the token the page rendered.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields,
        CancellationToken cancellationToken)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, page, cancellationToken);
        return await client.PostAsync(page, new FormUrlEncodedContent(fields), cancellationToken);
    }

    public static async Task<string> TokenAsync(HttpClient client, string page, CancellationToken cancellationToken)
    {
        var html = await client.GetStringAsync(page, cancellationToken);
        return TokenField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} renders no antiforgery token");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using Returns.Testing;

namespace Returns.Staff.Tests;

/// <summary>
/// The real `returns serve` in a child process, on a fresh data folder and a free port, with an admin and a reviewer
/// made by `returns users add`, and Debian's Chromium driven by Debian's chromedriver. Every labelled photo goes to
/// review (threshold 0.999), so the queue is never empty whatever the model says.
/// </summary>
public class ServedConsole : IAsyncLifetime
{
    public const string AdminPassword = "admin password 1";
    public const string ReviewerPassword = "reviewer password 1";
    private readonly DirectoryInfo data = Directory.CreateTempSubdirectory("returns-serve-");
    private readonly List<string> output = [];
    private Process? server;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Screenshots go to RETURNS_SCREENSHOTS when it is set (docs/ when refreshing them), else beside the data.</summary>
    public string Screenshots { get; } = Environment.GetEnvironmentVariable("RETURNS_SCREENSHOTS") is { Length: > 0 } dir
        ? Directory.CreateDirectory(dir).FullName
        : Directory.CreateTempSubdirectory("returns-screens-").FullName;

    /// <summary>The data folder `returns serve` runs on.</summary>
    protected string Data => data.FullName;

    /// <summary>Settings given to `returns serve` besides its data folder and port.</summary>
    protected virtual string[] Settings => ["--Results:LowConfidenceThreshold=0.999"];

    /// <summary>Runs before `returns serve` starts, on the same data folder (a night's run, say).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await AddUserAsync("ada", "admin", AdminPassword);
        await AddUserAsync("rita", "reviewer", ReviewerPassword);
        await PrepareAsync();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        server = StartCli(["serve", "--data", data.FullName, "--port", port.ToString(), .. Settings]);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health/live")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
            }
            if (server.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("returns serve did not start:\n" + string.Join("\n", output));
            await Task.Delay(200);
        }
    }

    public ChromeDriver Browser(int width = 1280, int height = 900)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={Math.Max(width, 500)},{height}");
        if (width < 500) // a desktop window is never narrower than 500 px: emulate the phone's viewport instead
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
            {
                Width = width, Height = height, PixelRatio = 1,
                UserAgent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36",
            });
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromMinutes(1));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return driver;
    }

    public void SignIn(IWebDriver browser, string name, string password)
    {
        browser.Navigate().GoToUrl(BaseUrl + "/login");
        browser.FindElement(By.Id("name")).SendKeys(name);
        browser.FindElement(By.Id("password")).SendKeys(password);
        browser.FindElement(By.CssSelector("form button[type=submit]")).Click();
    }

    public void Screenshot(IWebDriver browser, string name) =>
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(Screenshots, name + ".png"));

    private async Task AddUserAsync(string name, string role, string password)
    {
        using var process = StartCli("users", "add", name, "--role", role, "--password-stdin", "--data", data.FullName);
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"returns users add {name} failed:\n" + string.Join("\n", output));
    }

    /// <summary>Runs a `returns` command to its end; throws with its output when it fails.</summary>
    protected async Task RunCliAsync(params string[] args)
    {
        using var process = StartCli(args);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"returns {string.Join(' ', args)} failed:\n" + string.Join("\n", output.TakeLast(40)));
    }

    private Process StartCli(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "services", "Cli", "bin", RepoPaths.Configuration, "net10.0", "returns.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) if (e.Data is not null) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) if (e.Data is not null) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server?.Dispose();
        data.Delete(recursive: true);
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Returns.Testing;

namespace Returns.Staff.Tests;

/// <summary>
/// Presses everything, as a reviewer and then as an admin, on the store of a real night of 3,000 photos: every page the
/// navigation reaches, every link on them (a few of each kind), paging first, next, last and back, and every form once.
/// No page may answer 5xx or an unintended 4xx, nor be raw JSON or plain text; axe-core finds no serious or critical
/// violation on any console page nor on either report. Screenshots of each kind of page at 1280 and 390 px go to
/// RETURNS_SCREENSHOTS (docs/ when refreshing them).
/// </summary>
public sealed partial class EveryControlTests(ServedNight night) : IClassFixture<ServedNight>
{
    private const int VisitsPerKind = 2;
    private readonly List<string> problems = [];
    private readonly Dictionary<string, int> visits = new(StringComparer.Ordinal);
    private readonly HashSet<string> checkedWithAxe = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> screens = new(StringComparer.Ordinal); // page kind -> url

    [Fact]
    public void A_reviewer_then_an_admin_press_every_control_on_a_night_of_three_thousand_photos_with_no_error_and_no_serious_axe_violation()
    {
        var clock = Stopwatch.StartNew();
        using (var reviewer = night.Browser())
        {
            night.SignIn(reviewer, "rita", ServedConsole.ReviewerPassword);
            Wait(reviewer).Until(b => !b.Url.Contains("/login", StringComparison.Ordinal));
            Crawl(reviewer, "reviewer");
            Paging(reviewer);
            Forms(reviewer, admin: false);
        }
        using (var admin = night.Browser())
        {
            night.SignIn(admin, "ada", ServedConsole.AdminPassword);
            Wait(admin).Until(b => !b.Url.Contains("/login", StringComparison.Ordinal));
            Crawl(admin, "admin");
            Forms(admin, admin: true);
            NightReport(admin);
            Phone();
        }
        TestContext.Current.SendDiagnosticMessage($"night of {ServedNight.Photos} photos stored in {night.RunTime.TotalSeconds:F0} s; " +
            $"{visits.Values.Sum()} pages visited, {checkedWithAxe.Count} checked with axe, in {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedWithAxe.Count >= 10, "axe ran on only: " + string.Join(", ", checkedWithAxe));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_the_browser_and_for_a_copy_of_its_cookie()
    {
        using var browser = night.Browser();
        night.SignIn(browser, "rita", ServedConsole.ReviewerPassword);
        Wait(browser).Until(b => !b.Url.Contains("/login", StringComparison.Ordinal));
        var cookies = browser.Manage().Cookies.AllCookies.ToArray();

        SubmitAndLoad(browser, browser.FindElement(By.CssSelector("form.signout button")));
        Assert.NotEqual(400, Status(browser)); // the layout's form once lacked its antiforgery token

        Assert.Contains("/login", browser.Url);
        browser.Navigate().GoToUrl(night.BaseUrl + "/results");
        Assert.Contains("/login", browser.Url);
        var container = new CookieContainer();
        foreach (var c in cookies)
            container.Add(new Uri(night.BaseUrl), new System.Net.Cookie(c.Name, c.Value));
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = container, AllowAutoRedirect = false });
        using var replay = await http.GetAsync(night.BaseUrl + "/results", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
    }

    /// <summary>Every page the navigation reaches, then every link on each page, a few of each kind.</summary>
    private void Crawl(ChromeDriver browser, string role)
    {
        browser.Navigate().GoToUrl(night.BaseUrl + "/");
        var queue = new Queue<string>([night.BaseUrl + "/",
            .. browser.FindElements(By.CssSelector("header nav a")).Select(a => a.GetAttribute("href")!)]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var url) && visits.Values.Sum() < 120)
        {
            if (!seen.Add(url) || !Visit(browser, url, role))
                continue;
            foreach (var href in browser.FindElements(By.CssSelector("a[href]")).Select(a => a.GetAttribute("href")).OfType<string>().ToArray())
            {
                if (!href.StartsWith(night.BaseUrl, StringComparison.Ordinal) || href.Contains('#') || seen.Contains(href))
                    continue;
                if (Regex.IsMatch(href, @"\.(csv|json)$|/original$"))
                    Fetch(browser, href);
                else
                    queue.Enqueue(href);
            }
        }
    }

    /// <summary>Opens a page unless enough of its kind were seen; checks status, type and accessibility. False if skipped.</summary>
    private bool Visit(IWebDriver browser, string url, string role)
    {
        var kind = Kind(url);
        if (visits.GetValueOrDefault(kind) >= VisitsPerKind)
            return false;
        visits[kind] = visits.GetValueOrDefault(kind) + 1;
        browser.Navigate().GoToUrl(url);
        Check(browser, $"{role} {url}");
        screens.TryAdd(kind, url);
        return true;
    }

    private void Check(IWebDriver browser, string what, bool axe = true)
    {
        var status = Status(browser);
        var type = (string)((IJavaScriptExecutor)browser).ExecuteScript("return document.contentType;")!;
        var body = browser.FindElement(By.TagName("body")).Text.TrimStart();
        if (status >= 400)
            problems.Add($"{what}: answered {status}: {body[..Math.Min(200, body.Length)]}");
        if (type != "text/html" || body.StartsWith('{'))
            problems.Add($"{what}: is {type}, not a page: {body[..Math.Min(200, body.Length)]}");
        var kind = Kind(browser.Url);
        if (axe && status < 400 && checkedWithAxe.Add(kind))
            foreach (var violation in Axe.SeriousViolations(browser))
                problems.Add($"{what}: axe: {violation}");
    }

    private void Paging(IWebDriver browser)
    {
        browser.Navigate().GoToUrl(night.BaseUrl + "/results");
        var pages = int.Parse(PageOf().Match(browser.FindElement(By.Id("page-of")).Text).Groups[2].Value);
        Assert.True(pages >= 60, $"{pages} pages of results for a night of {ServedNight.Photos} photos");
        void Press(string id, int expected)
        {
            SubmitAndLoad(browser, browser.FindElement(By.Id(id)));
            Check(browser, $"paging {id}", axe: false);
            Assert.Equal($"page {expected} of {pages}", browser.FindElement(By.Id("page-of")).Text);
        }
        Press("page-older", 2);
        Press("page-last", pages);
        Press("page-newer", pages - 1);
        Press("page-first", 1);
        browser.Navigate().Back();
        Assert.Equal($"page {pages - 1} of {pages}", browser.FindElement(By.Id("page-of")).Text);
        var rows = browser.FindElements(By.CssSelector("#results tbody tr")).Count;
        Assert.Equal(50, rows);
    }

    /// <summary>Submits every form of the console once, with what a person would type.</summary>
    private void Forms(ChromeDriver browser, bool admin)
    {
        // Filters.
        browser.Navigate().GoToUrl(night.BaseUrl + "/results");
        ((IJavaScriptExecutor)browser).ExecuteScript("document.getElementById('status').value = 'classified'; document.getElementById('band').value = 'low';");
        SubmitAndLoad(browser, browser.FindElement(By.CssSelector("form.filters button[type=submit]")));
        Check(browser, "results filter", axe: false);
        browser.Navigate().GoToUrl(night.BaseUrl + "/returns");
        SubmitAndLoad(browser, browser.FindElement(By.CssSelector("form.filters button[type=submit]")));
        Check(browser, "returns filter", axe: false);

        // Review: a label by its key, Enter; undo; skip.
        browser.Navigate().GoToUrl(night.BaseUrl + "/review");
        var first = browser.FindElement(By.Id("review")).GetAttribute("data-image-id");
        new Actions(browser).SendKeys("1").Perform();
        new Actions(browser).SendKeys(Keys.Enter).Perform();
        Wait(browser).Until(b => b.FindElements(By.Id("undo-button")).Count == 1);
        Check(browser, "review decide");
        browser.FindElement(By.Id("undo-button")).Click();
        Wait(browser).Until(b => b.FindElements(By.Id("saved")).FirstOrDefault()?.Text.StartsWith("Undone", StringComparison.Ordinal) == true);
        Check(browser, "review undo", axe: false);
        Assert.Equal(first, browser.FindElement(By.Id("review")).GetAttribute("data-image-id"));
        SubmitAndLoad(browser, browser.FindElement(By.Id("skip-button")));
        Check(browser, "review skip", axe: false);

        // An image's own label form.
        browser.Navigate().GoToUrl(night.BaseUrl + $"/images/{first}");
        SubmitAndLoad(browser, browser.FindElement(By.CssSelector("form.card button[type=submit]")));
        Check(browser, "image set label", axe: false);

        // Upload: choose, type a return id, press Upload.
        browser.Navigate().GoToUrl(night.BaseUrl + "/upload");
        browser.FindElement(By.Id("files")).SendKeys(RepoPaths.SamplePhoto(admin ? 3 : 4));
        browser.FindElement(By.Id("returnId")).SendKeys(admin ? "RMA-A" : "RMA-R");
        browser.FindElement(By.Id("send")).Click();
        Wait(browser).Until(b => b.FindElement(By.Id("summary")).Text == "1 of 1 settled");
        Check(browser, "upload", axe: false);
        if (!admin)
            return;

        // Admin: compile a report (the period report, checked with axe), register returns, add and disable a user, the registry.
        browser.Navigate().GoToUrl(night.BaseUrl + "/");
        ((IJavaScriptExecutor)browser).ExecuteScript("document.getElementById('from').value = arguments[0]", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        ((IJavaScriptExecutor)browser).ExecuteScript("document.getElementById('to').value = arguments[0]", DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
        browser.FindElement(By.Id("compile")).Click();
        Wait(browser).Until(b => b.Url.EndsWith("/report.html", StringComparison.Ordinal));
        Check(browser, "period report");
        screens.TryAdd("period-report", browser.Url);
        Overflow(browser, "period report");

        var returns = Path.Combine(Path.GetTempPath(), $"returns-{Guid.NewGuid():N}.csv");
        File.WriteAllText(returns, "returnId,orderId,lineId,sku,declaredCategory\nRMA-A,O-1,1,SKU-1,Tops\n");
        browser.Navigate().GoToUrl(night.BaseUrl + "/returns");
        browser.FindElement(By.CssSelector("#import-returns summary")).Click();
        browser.FindElement(By.Id("returns-file")).SendKeys(returns);
        SubmitAndLoad(browser, browser.FindElement(By.Id("import")));
        Check(browser, "register returns", axe: false);
        File.Delete(returns);

        browser.Navigate().GoToUrl(night.BaseUrl + "/admin/users");
        browser.FindElement(By.Id("name")).SendKeys("temp");
        browser.FindElement(By.Id("password")).SendKeys("temporary password 1");
        SubmitAndLoad(browser, browser.FindElement(By.CssSelector("form.stack button[type=submit]")));
        Check(browser, "save user", axe: false);
        SubmitAndLoad(browser, browser.FindElement(By.XPath("//tr[td[normalize-space()='temp']]//form//button")));
        Check(browser, "disable user", axe: false);

        browser.Navigate().GoToUrl(night.BaseUrl + "/admin/model-registry");
        Check(browser, "registry");
        foreach (var handler in new[] { "Shadow", "EndShadow", "Promote", "Rollback" })
        {
            browser.Navigate().GoToUrl(night.BaseUrl + "/admin/model-registry");
            var form = browser.FindElements(By.CssSelector($"form[action*='handler={handler}']")).FirstOrDefault();
            if (form is null)
                continue; // not offered now (no shadow run to end, say)
            SubmitAndLoad(browser, form.FindElement(By.CssSelector("button[type=submit]")));
            Check(browser, $"registry {handler}", axe: false);
        }
    }

    /// <summary>The night's own report, as `returns run` wrote it, opened from disk.</summary>
    private void NightReport(IWebDriver browser)
    {
        browser.Navigate().GoToUrl("file://" + night.NightReport);
        foreach (var violation in Axe.SeriousViolations(browser))
            problems.Add($"night report: axe: {violation}");
        checkedWithAxe.Add("night-report");
        night.Screenshot(browser, "report-night");
        Overflow(browser, "night report");
    }

    /// <summary>Each kind of page at 390 px: nothing scrolls sideways. Screenshots at both widths.</summary>
    private void Phone()
    {
        using var desktop = night.Browser();
        using var phone = night.Browser(390, 844);
        foreach (var b in new[] { desktop, phone })
        {
            night.SignIn(b, "ada", ServedConsole.AdminPassword);
            Wait(b).Until(x => !x.Url.Contains("/login", StringComparison.Ordinal));
        }
        foreach (var (kind, url) in screens.Where(s => !s.Key.Contains('?')))
        {
            var name = kind switch
            {
                "/" => "console-home",
                "/images/x" => "console-image",
                "/admin/model-registry" => "console-model-registry",
                "/admin/users" => "console-users",
                "period-report" => "report-period",
                _ => "console-" + Regex.Replace(kind, "[^a-z0-9]+", "-").Trim('-'),
            };
            desktop.Navigate().GoToUrl(url);
            night.Screenshot(desktop, name);
            phone.Navigate().GoToUrl(url);
            Overflow(phone, $"{kind} at 390 px");
            night.Screenshot(phone, name + "-phone");
        }
        phone.Navigate().GoToUrl("file://" + night.NightReport);
        Overflow(phone, "night report at 390 px");
        night.Screenshot(phone, "report-night-phone");
        phone.Navigate().GoToUrl(night.BaseUrl + "/results");
        foreach (var column in new[] { "span.status", "td.final-label", "td.confidence" })
        {
            var cell = phone.FindElement(By.CssSelector($"#results tbody tr {column}"));
            if (!cell.Displayed || cell.Location.X + cell.Size.Width > 390)
                problems.Add($"results at 390 px: {column} is not on screen");
        }
    }

    private void Overflow(IWebDriver browser, string what)
    {
        var overflow = (long)((IJavaScriptExecutor)browser).ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth;")!;
        if (overflow > 0)
            problems.Add($"{what}: {overflow} px wider than the screen");
    }

    private void Fetch(IWebDriver browser, string url)
    {
        var kind = Kind(url);
        if (visits.GetValueOrDefault(kind) >= VisitsPerKind)
            return;
        visits[kind] = visits.GetValueOrDefault(kind) + 1;
        var cookies = new CookieContainer();
        foreach (var c in browser.Manage().Cookies.AllCookies)
            cookies.Add(new Uri(url), new System.Net.Cookie(c.Name, c.Value));
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        using var response = http.GetAsync(url).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
            problems.Add($"{url}: answered {(int)response.StatusCode}");
    }

    private static long Status(IWebDriver browser) =>
        Convert.ToInt64(((IJavaScriptExecutor)browser).ExecuteScript(
            "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;") ?? 0L);

    /// <summary>A page's kind: its path with ids taken out, and the names (not values) of its query.</summary>
    private string Kind(string url)
    {
        var uri = new Uri(url);
        var path = Regex.Replace(uri.AbsolutePath, "[0-9a-f]{64}|/reports/[^/]+/", m => m.Value.StartsWith("/reports", StringComparison.Ordinal) ? "/reports/x/" : "x");
        var keys = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        return keys.Length == 0 ? path : path + "?" + keys;
    }

    /// <summary>A wait whose reads may race the page replacing the element they read (the review's status line is
    /// rewritten after an undo): such a read is tried again, not failed.</summary>
    private static WebDriverWait Wait(IWebDriver browser)
    {
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(90));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        return wait;
    }

    /// <summary>Presses a control that submits a form or follows a link, then waits for the next page to load: the old
    /// page's elements go stale while it is replaced, so reading them right after the click is a race.</summary>
    private static void SubmitAndLoad(IWebDriver browser, IWebElement control)
    {
        var page = browser.FindElement(By.TagName("html"));
        control.Click();
        Wait(browser).Until(_ =>
        {
            try
            {
                return page.TagName.Length < 0; // still the old page
            }
            catch (WebDriverException e) when (e is StaleElementReferenceException || e.Message.Contains("does not belong to the document"))
            {
                return true; // Chrome says either, depending on when it is asked
            }
        });
        Wait(browser).Until(b => (string)((IJavaScriptExecutor)b).ExecuteScript("return document.readyState;")! == "complete");
    }

    [GeneratedRegex(@"page (\d+) of (\d+)")]
    private static partial Regex PageOf();
}

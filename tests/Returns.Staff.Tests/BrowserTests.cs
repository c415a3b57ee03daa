using System.Net;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Returns.Testing;

namespace Returns.Staff.Tests;

/// <summary>The console as staff use it, in a real headless Chromium against the real `returns serve`.</summary>
public sealed class BrowserTests(ServedConsole console) : IClassFixture<ServedConsole>
{
    private static readonly string[] Pages = ["/", "/upload", "/review", "/results", "/returns", "/model", "/admin/users", "/images/x", "/reports/x/report.html"];

    [Fact]
    public void Sign_in_upload_six_photos_to_a_return_correct_one_label_by_keyboard_undo_and_redo_it_and_find_it_in_results_report_and_returns()
    {
        using var browser = console.Browser();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(90));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException)); // a read can race the next page replacing the element
        browser.Navigate().GoToUrl(console.BaseUrl + "/");
        Assert.Contains("/login", browser.Url);
        console.Screenshot(browser, "console-sign-in");
        console.SignIn(browser, "ada", ServedConsole.AdminPassword);
        wait.Until(b => b.Url.TrimEnd('/') == console.BaseUrl);

        // Upload: five photos and a truncated file; each row settles on its own.
        browser.Navigate().GoToUrl(console.BaseUrl + "/upload");
        var photos = Enumerable.Range(0, 5).Select(i => RepoPaths.SamplePhoto(i * 5))
            .Append(Path.Combine(RepoPaths.SampleInbox, "broken-truncated.jpg")).ToArray();
        browser.FindElement(By.Id("files")).SendKeys(string.Join("\n", photos));
        Assert.Contains("6 photos chosen", browser.FindElement(By.Id("chosen")).Text);
        Assert.False(browser.FindElement(By.Id("progress")).Displayed); // choosing sends nothing yet
        browser.FindElement(By.Id("returnId")).SendKeys("RMA-7"); // typed after choosing: it must go with the photos
        browser.FindElement(By.Id("lineId")).SendKeys("1");
        browser.FindElement(By.Id("send")).Click();
        wait.Until(b => b.FindElement(By.Id("summary")).Text == "6 of 6 settled");
        var statuses = browser.FindElements(By.CssSelector("#uploads tbody tr"))
            .ToDictionary(r => r.FindElement(By.CssSelector("td")).Text, r => r.FindElement(By.CssSelector(".status")).Text);
        Assert.Equal("rejected", statuses["broken-truncated.jpg"]);
        Assert.All(photos[..5], p => Assert.Contains(statuses[Path.GetFileName(p)], new[] { "classified", "needs_retake" }));
        console.Screenshot(browser, "console-upload");

        var uploaded = browser.FindElements(By.CssSelector("#uploads tbody tr[data-image-id]")).First().GetAttribute("data-image-id")!;
        browser.Navigate().GoToUrl(console.BaseUrl + $"/images/{uploaded}");
        Assert.Contains("RMA-7", browser.FindElement(By.TagName("main")).Text);

        // Review: nothing is chosen, so Enter alone saves nothing; pick another label with its number key, save with Enter.
        browser.Navigate().GoToUrl(console.BaseUrl + "/review");
        var imageId = browser.FindElement(By.Id("review")).GetAttribute("data-image-id")!;
        var modelLabel = browser.FindElement(By.CssSelector("label.model input")).GetAttribute("value")!;
        Assert.Empty(browser.FindElements(By.CssSelector("#decide input[name=Label]:checked")));
        new Actions(browser).SendKeys(Keys.Enter).Perform();
        Assert.True(browser.FindElement(By.Id("pick-first")).Displayed);
        Assert.Equal(imageId, browser.FindElement(By.Id("review")).GetAttribute("data-image-id"));
        var original = FetchBytes(browser, console.BaseUrl + $"/images/{imageId}/original");
        Assert.Equal([0xFF, 0xD8, 0xFF], original[..3]); // the photo as uploaded, not only its preview
        var other = browser.FindElements(By.CssSelector("label[data-key]")).First(l => l.FindElement(By.TagName("input")).GetAttribute("value") != modelLabel);
        var newLabel = other.FindElement(By.TagName("input")).GetAttribute("value")!;
        console.Screenshot(browser, "console-review");
        using (var phone = console.Browser(390, 844))
        {
            console.SignIn(phone, "ada", ServedConsole.AdminPassword);
            phone.Navigate().GoToUrl(console.BaseUrl + "/review");
            console.Screenshot(phone, "console-review-phone");
        }
        new Actions(browser).SendKeys(other.GetAttribute("data-key")!).Perform();
        Assert.True(other.FindElement(By.TagName("input")).Selected);
        new Actions(browser).SendKeys(Keys.Enter).Perform();
        wait.Until(b => b.FindElements(By.Id("saved")).FirstOrDefault()?.Text.Contains($"corrected from {modelLabel} to {newLabel}") == true);
        Assert.NotEqual(imageId, browser.FindElements(By.Id("review")).FirstOrDefault()?.GetAttribute("data-image-id"));

        // Undo (U) brings the same image back with nothing chosen; then decide again.
        new Actions(browser).SendKeys("u").Perform();
        wait.Until(b => b.FindElements(By.Id("saved")).FirstOrDefault()?.Text.StartsWith("Undone", StringComparison.Ordinal) == true);
        Assert.Equal(imageId, browser.FindElement(By.Id("review")).GetAttribute("data-image-id"));
        Assert.Empty(browser.FindElements(By.CssSelector("#decide input[name=Label]:checked")));
        other = browser.FindElements(By.CssSelector("label[data-key]")).First(l => l.FindElement(By.TagName("input")).GetAttribute("value") == newLabel);
        new Actions(browser).SendKeys(other.GetAttribute("data-key")!).Perform();
        new Actions(browser).SendKeys(Keys.Enter).Perform();
        wait.Until(b => b.FindElements(By.Id("saved")).FirstOrDefault()?.Text.Contains($"corrected from {modelLabel} to {newLabel}") == true);

        // The results table shows the final label once the results service has stored the review.
        wait.Until(b =>
        {
            b.Navigate().GoToUrl(console.BaseUrl + "/results?reviewed=true");
            return b.FindElements(By.CssSelector($"tr[data-image-id='{imageId}'] td.final-label")).FirstOrDefault()?.Text == newLabel;
        });
        Assert.Contains($"corrected from {modelLabel}", browser.FindElement(By.CssSelector($"tr[data-image-id='{imageId}'] td.review")).Text);
        browser.Navigate().GoToUrl(console.BaseUrl + "/results");
        console.Screenshot(browser, "console-results");
        browser.Navigate().GoToUrl(console.BaseUrl + $"/images/{imageId}");
        Assert.Contains(newLabel, browser.FindElement(By.Id("reviewed-label")).Text);
        console.Screenshot(browser, "console-image");

        // The compiled report carries the reviewed label and the final label.
        browser.Navigate().GoToUrl(console.BaseUrl + "/");
        ((IJavaScriptExecutor)browser).ExecuteScript(
            "document.getElementById('from').value = arguments[0]", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        browser.FindElement(By.Id("compile")).Click();
        wait.Until(b => b.Url.EndsWith("/report.html", StringComparison.Ordinal));
        var csv = Fetch(browser, browser.Url.Replace("report.html", "report.csv"));
        var header = csv[0].Split(',');
        var row = csv.Single(line => line.StartsWith(imageId, StringComparison.Ordinal)).Split(',');
        Assert.Equal(newLabel, row[Array.IndexOf(header, "reviewed_label")]);
        Assert.Equal(newLabel, row[Array.IndexOf(header, "final_label")]);
        Assert.Equal(modelLabel, row[Array.IndexOf(header, "label")]);

        browser.Navigate().GoToUrl(console.BaseUrl + "/model");
        Assert.Contains(modelLabel, browser.FindElement(By.Id("agreement")).Text);
        console.Screenshot(browser, "console-model");

        browser.FindElement(By.CssSelector("nav a[href='/returns']")).Click();
        wait.Until(b => b.Url.EndsWith("/returns", StringComparison.Ordinal));
        Assert.Equal("Returns", browser.FindElement(By.TagName("h1")).Text);
        Assert.StartsWith("0 returns, 0 lines", browser.FindElement(By.Id("line-counts")).Text);

        // An admin registers the return the photos were uploaded to; its line gets a verdict from them, without a broker.
        var returns = Path.Combine(Path.GetTempPath(), $"returns-{Guid.NewGuid():N}.json");
        File.WriteAllText(returns, """[{ "returnId": "RMA-7", "orderId": "O-7", "lines": [{ "lineId": "1", "sku": "SKU-1", "declaredCategory": "Shoes" }] }]""");
        browser.FindElement(By.CssSelector("#import-returns summary")).Click();
        browser.FindElement(By.Id("returns-file")).SendKeys(returns);
        browser.FindElement(By.Id("import")).Click();
        wait.Until(b => b.FindElements(By.Id("imported")).FirstOrDefault()?.Text.StartsWith("1 returns with 1 lines registered", StringComparison.Ordinal) == true);
        wait.Until(b =>
        {
            b.Navigate().GoToUrl(console.BaseUrl + "/returns");
            return b.FindElements(By.CssSelector("tr[data-return-id='RMA-7'][data-line-id='1']")).Count == 1;
        });
        Assert.StartsWith("1 returns, 1 lines", browser.FindElement(By.Id("line-counts")).Text);
        File.Delete(returns);
    }

    [Fact]
    public void A_stranger_is_sent_to_sign_in_from_every_page_and_apis_answer_401()
    {
        using var browser = console.Browser();
        foreach (var page in Pages)
        {
            browser.Navigate().GoToUrl(console.BaseUrl + page);
            Assert.True(browser.Url.Contains("/login", StringComparison.Ordinal), $"{page} opened without sign-in: {browser.Url}");
        }
        var status = ((IJavaScriptExecutor)browser).ExecuteAsyncScript(
            "const done = arguments[0]; Promise.all(['/api/results/', '/staff/api/status?ids=x'].map(u => fetch(u).then(r => r.status))).then(done);");
        Assert.Equal([401L, 401L], ((IEnumerable<object>)status!).Cast<long>());
    }

    [Fact]
    public void A_reviewer_is_refused_the_admin_pages()
    {
        using var browser = console.Browser();
        console.SignIn(browser, "rita", ServedConsole.ReviewerPassword);
        new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(b => !b.Url.Contains("/login", StringComparison.Ordinal));
        Assert.Empty(browser.FindElements(By.CssSelector("nav a[href='/admin/users']")));
        browser.Navigate().GoToUrl(console.BaseUrl + "/admin/users");
        Assert.Contains("/denied", browser.Url);
        Assert.Contains("Not allowed", browser.FindElement(By.TagName("h1")).Text);
    }

    [Fact]
    public async Task Pressing_sign_out_ends_the_session_and_a_copy_of_its_cookie_reads_nothing()
    {
        using var browser = console.Browser();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(30));
        console.SignIn(browser, "rita", ServedConsole.ReviewerPassword);
        wait.Until(b => !b.Url.Contains("/login", StringComparison.Ordinal));
        var saved = browser.Manage().Cookies.GetCookieNamed("returns.staff")!.Value;

        browser.FindElement(By.CssSelector("form.signout button")).Click();

        // Before: the form had no antiforgery token: a raw JSON 400 at /logout, and the session stayed.
        wait.Until(b => b.Url.Contains("/login", StringComparison.Ordinal));
        Assert.NotNull(browser.FindElement(By.Id("password")));
        browser.Navigate().GoToUrl(console.BaseUrl + "/results");
        Assert.Contains("/login", browser.Url);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, console.BaseUrl + "/api/results");
        request.Headers.Add("Cookie", "returns.staff=" + saved);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Pages_fit_a_phone_screen()
    {
        using var browser = console.Browser(390, 844);
        console.SignIn(browser, "ada", ServedConsole.AdminPassword);
        new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(b => !b.Url.Contains("/login", StringComparison.Ordinal));
        foreach (var page in new[] { "/", "/upload", "/review", "/results", "/returns", "/model", "/admin/users" })
        {
            browser.Navigate().GoToUrl(console.BaseUrl + page);
            var overflow = (long)((IJavaScriptExecutor)browser).ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth;")!;
            Assert.True(overflow <= 0, $"{page} is {overflow}px wider than a phone screen");
        }
    }

    private static byte[] FetchBytes(IWebDriver browser, string url)
    {
        var cookies = new CookieContainer();
        foreach (var c in browser.Manage().Cookies.AllCookies)
            cookies.Add(new Uri(url), new System.Net.Cookie(c.Name, c.Value));
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        return http.GetByteArrayAsync(url).GetAwaiter().GetResult();
    }

    /// <summary>Reads a file the signed-in browser may read (a CSV would otherwise be downloaded, not shown).</summary>
    private static string[] Fetch(IWebDriver browser, string url)
    {
        var cookies = new CookieContainer();
        foreach (var c in browser.Manage().Cookies.AllCookies)
            cookies.Add(new Uri(url), new System.Net.Cookie(c.Name, c.Value));
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        return http.GetStringAsync(url).GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

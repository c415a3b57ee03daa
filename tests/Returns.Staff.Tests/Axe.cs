using System.Text.Json;
using OpenQA.Selenium;

namespace Returns.Staff.Tests;

/// <summary>axe-core (the script shipped in Deque.AxeCore.Commons, restored like any package) run in the page itself.</summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(Deque.AxeCore.Commons.AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not in Deque.AxeCore.Commons");
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>The serious and critical violations on the page now, each as "rule: first elements".</summary>
    public static IReadOnlyList<string> SeriousViolations(IWebDriver browser)
    {
        var js = (IJavaScriptExecutor)browser;
        js.ExecuteScript(Script.Value);
        browser.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(90);
        var json = (string)js.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`))))
              .catch(e => done(JSON.stringify(['axe failed: ' + e])));
            """)!;
        return JsonSerializer.Deserialize<string[]>(json)!;
    }
}

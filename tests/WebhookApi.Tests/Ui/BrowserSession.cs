using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>Headless Debian Chromium driven by Playwright (no browser download), with console errors collected.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
        // The live event stream reconnects by itself (e.g. across a service restart); the browser's report of a refused
        // or cut connection to it is expected, not a page error.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains(EventStreamPath, StringComparison.Ordinal)) ConsoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public const string EventStreamPath = "/api/v1/events";

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught page errors seen so far.</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Console errors other than the browser's own report of an HTTP error status the test provoked on purpose.</summary>
    public IEnumerable<string> UnexpectedConsoleErrors =>
        ConsoleErrors.Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal));

    public static async Task<BrowserSession> StartAsync(int width = 1280, int height = 900)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return new BrowserSession(playwright, browser, context, page);
    }

    /// <summary>Opens the UI and answers the token prompt that the first 401 raises.</summary>
    public async Task OpenWithTokenAsync(Uri baseAddress, string path, string token)
    {
        await Page.GotoAsync(new Uri(baseAddress, path).ToString());
        var dialog = Page.Locator("#token-dialog");
        await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await Page.FillAsync("#token-input", token);
        await Page.ClickAsync("#token-dialog button[value=save]");
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}

using System.Diagnostics;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Screenshots a self-contained HTML page with the system's Chromium (<c>chromium --headless --screenshot</c>).
/// Chosen over Plotly.NET.ImageExport/PuppeteerSharp because those download their own browser build, which an offline
/// machine or CI cannot do; Debian's <c>chromium</c> package works offline.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The environment variable that names the browser executable, overriding the search on PATH.</summary>
    public const string Variable = "L2P_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser executable: <c>L2P_CHROMIUM</c>, else the first of chromium/chromium-browser/google-chrome on PATH; null when none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Renders <paramref name="html"/> (which must need no network) to PNG bytes of the given size in CSS pixels.</summary>
    /// <exception cref="ChartRenderException">No browser was found, or it exited without writing the image.</exception>
    public static byte[] Screenshot(string html, int width, int height, TimeSpan? timeout = null)
    {
        var browser = Find() ?? throw new ChartRenderException(
            $"no Chromium found for PNG charts: install Debian's 'chromium' package (apt-get install chromium) or set {Variable} to a Chrome/Chromium executable");
        var dir = Directory.CreateTempSubdirectory("l2p-chart-");
        try
        {
            var page = Path.Combine(dir.FullName, "chart.html");
            var png = Path.Combine(dir.FullName, "chart.png");
            // With a byte-order mark: a page without a declared charset is otherwise guessed, and Chromium's guess
            // sometimes reads UTF-8 titles as Windows-1252 ("ε" rendered as "Îµ").
            File.WriteAllText(page, html, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Run(browser, Arguments(page, png, width, height, dir.FullName), timeout ?? TimeSpan.FromSeconds(60));
            return File.Exists(png) ? File.ReadAllBytes(png)
                : throw new ChartRenderException($"{browser} exited without writing {png}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Arguments(string page, string png, int width, int height, string profileDir) =>
    [
        "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
        "--disable-dev-shm-usage", "--force-device-scale-factor=1",
        // A private profile per call: concurrent renders must not share Chromium's profile lock.
        $"--user-data-dir={Path.Combine(profileDir, "profile")}",
        // plotly.js draws after load; give it virtual time before the screenshot is taken.
        "--virtual-time-budget=5000",
        $"--window-size={width},{height}", $"--screenshot={png}", new Uri(page).AbsoluteUri,
    ];

    private static void Run(string browser, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(browser) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new ChartRenderException($"could not start {browser}");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ChartRenderException($"{browser} did not finish within {timeout.TotalSeconds:F0} s");
        }
        if (process.ExitCode != 0)
            throw new ChartRenderException($"{browser} failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
    }
}

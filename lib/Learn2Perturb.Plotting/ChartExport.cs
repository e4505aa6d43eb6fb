using Plotly.NET;

namespace Learn2Perturb.Plotting;

/// <summary>Turns a Plotly.NET chart into notebook output: an HTML fragment or a PNG image.</summary>
public static class ChartExport
{
    /// <summary>
    /// The chart as an HTML fragment for a notebook cell: plotly.js (the version Plotly.NET embeds) is loaded from its
    /// CDN through require.js by the fragment itself, as Plotly.NET.Interactive does, so the saved notebook stays small.
    /// Offline, use <see cref="ToPage"/> or PNG charts.
    /// </summary>
    public static string ToHtmlFragment(GenericChart chart)
    {
        var options = new DisplayOptions();
        options.SetProperty("PlotlyJSReference", PlotlyJSReference.NewRequire($"https://cdn.plot.ly/plotly-{PlotlyJsVersion}.min"));
        return GenericChart.toChartHTML(GenericChart.setDisplayOptions(options, chart));
    }

    /// <summary>The plotly.js version Plotly.NET embeds (and writes its charts for), read from its resource name.</summary>
    public static string PlotlyJsVersion { get; } = typeof(GenericChart).Assembly.GetManifestResourceNames()
        .Select(n => System.Text.RegularExpressions.Regex.Match(n, @"plotly-(\d+\.\d+\.\d+)\.min\.js$"))
        .FirstOrDefault(m => m.Success)?.Groups[1].Value
        ?? throw new InvalidOperationException("Plotly.NET carries no plotly-<version>.min.js resource: unexpected Plotly.NET build");

    /// <summary>A complete HTML page with plotly.js inlined (about 3.5 MB): it renders with no network.</summary>
    public static string ToPage(GenericChart chart)
    {
        var options = new DisplayOptions();
        options.SetProperty("PlotlyJSReference", PlotlyJSReference.Full);
        return GenericChart.toEmbeddedHTML(GenericChart.setDisplayOptions(options, chart));
    }

    /// <summary>The chart rendered by headless Chromium (see <see cref="HeadlessChromium"/>) as PNG bytes.</summary>
    /// <param name="width">Width in pixels; the chart's layout is sized to it.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ChartRenderException">No browser, or the browser failed.</exception>
    public static byte[] ToPng(GenericChart chart, int width = 800, int height = 450)
    {
        if (width < 50 || height < 50) throw new ArgumentOutOfRangeException(nameof(width), $"width and height must be at least 50 pixels, got {width}×{height}");
        var config = new Config();
        config.SetProperty("displayModeBar", false); // a static image has no use for the zoom/pan toolbar
        var page = ToPage(GenericChart.setConfig(config, Figures.Sized(chart, width, height)));
        return HeadlessChromium.Screenshot(page, width, height);
    }
}

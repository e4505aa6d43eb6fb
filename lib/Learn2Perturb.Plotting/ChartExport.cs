using System.Net;

namespace Learn2Perturb.Plotting;

/// <summary>Turns a <see cref="PlotlyFigure"/> into notebook output: an HTML fragment, a self-contained page, or a PNG image.</summary>
public static class ChartExport
{
    /// <summary>
    /// The chart as an HTML fragment for a notebook cell. With <paramref name="withPlotlyJs"/> the fragment carries
    /// plotly.js itself (about 3.5 MB), so it draws offline; later fragments of the same page reuse it, so a notebook
    /// passes true for its first chart only. A fragment that finds no plotly.js says so in place of the chart.
    /// </summary>
    public static string ToHtmlFragment(PlotlyFigure chart, bool withPlotlyJs)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string id = "l2p-chart-" + Guid.NewGuid().ToString("N");
        string script = withPlotlyJs ? ScriptTag() : "";
        return $$"""
            {{script}}<div id="{{id}}"></div>
            <script type="text/javascript">
            (function () {
              var target = document.getElementById('{{id}}');
              if (typeof window.Plotly === 'undefined') {
                target.textContent = 'plotly.js is not loaded on this page: re-run the notebook from its first chart.';
                return;
              }
              var figure = {{chart.ToJson()}};
              figure.config = { responsive: true };
              window.Plotly.newPlot(target, figure);
            })();
            </script>
            """;
    }

    /// <summary>A complete HTML page with plotly.js inlined: it renders with no network.</summary>
    public static string ToPage(PlotlyFigure chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string title = WebUtility.HtmlEncode(chart.Layout["title"]?["text"]?.GetValue<string>() ?? "chart");
        string script = ScriptTag();
        return $$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{{title}}</title>{{script}}</head>
            <body style="margin:0"><div id="chart"></div>
            <script type="text/javascript">var figure = {{chart.ToJson()}}; figure.config = { displayModeBar: false, staticPlot: true }; window.Plotly.newPlot('chart', figure);</script>
            </body></html>
            """;
    }

    /// <summary>The chart rendered by headless Chromium (see <see cref="HeadlessChromium"/>) as PNG bytes.</summary>
    /// <param name="width">Width in pixels; the chart's layout is sized to it.</param>
    /// <param name="height">Height in pixels, unless the chart's layout sets its own (panel grids grow with their rows).</param>
    /// <exception cref="ChartRenderException">No browser, or the browser failed.</exception>
    public static byte[] ToPng(PlotlyFigure chart, int width = 800, int height = 450)
    {
        ArgumentNullException.ThrowIfNull(chart);
        height = chart.Layout["height"]?.GetValue<int>() ?? height;
        if (width < 50 || height < 50) throw new ArgumentOutOfRangeException(nameof(width), $"width and height must be at least 50 pixels, got {width}×{height}");
        return HeadlessChromium.Screenshot(ToPage(Figures.Sized(chart, width, height)), width, height);
    }

    // Jupyter's classic page has require.js: plotly.js's loader would then register an anonymous AMD module, which
    // require.js rejects, instead of setting window.Plotly. Hiding `define` while it runs makes it set the global.
    private static string ScriptTag() =>
        "<script type=\"text/javascript\">window.__l2pDefine = window.define; window.define = undefined;</script>" +
        $"<script type=\"text/javascript\">{PlotlyJs.Source}</script>" +
        "<script type=\"text/javascript\">window.define = window.__l2pDefine;</script>";
}

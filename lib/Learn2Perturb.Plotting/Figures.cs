using System.Text.Json;
using System.Text.Json.Nodes;
using static Learn2Perturb.Plotting.PlotlyFigure;

namespace Learn2Perturb.Plotting;

/// <summary>The workbook's bar and line charts, built from plotly.js trace and layout attributes (<see cref="PlotlyFigure"/>).</summary>
public static class Figures
{
    /// <summary>A bar trace: one bar per key, error bars of ± <paramref name="errors"/> when given.</summary>
    public static JsonObject Bar(string name, IReadOnlyList<string> keys, IReadOnlyList<double> values, IReadOnlyList<double>? errors = null)
    {
        if (keys.Count != values.Count) throw new ArgumentException($"{name}: {keys.Count} keys but {values.Count} values", nameof(values));
        var trace = Object(("type", "bar"), ("name", name), ("x", Strings(keys)), ("y", Numbers(values)));
        if (errors is not null)
        {
            if (errors.Count != values.Count) throw new ArgumentException($"{name}: {values.Count} values but {errors.Count} errors", nameof(errors));
            trace["error_y"] = ErrorBars(errors);
        }
        return trace;
    }

    /// <summary>A line-and-markers trace through (<paramref name="x"/>, <paramref name="y"/>), error bars of ± <paramref name="errors"/> when given.</summary>
    public static JsonObject Line<TX>(string name, IReadOnlyList<TX> x, IReadOnlyList<double> y, IReadOnlyList<double>? errors = null)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{name}: {x.Count} x values but {y.Count} y values", nameof(y));
        if (errors is not null && errors.Count != y.Count) throw new ArgumentException($"{name}: {y.Count} y values but {errors.Count} errors", nameof(errors));
        var trace = Object(("type", "scatter"), ("name", name), ("mode", "lines+markers"), ("x", JsonSerializer.SerializeToNode(x.ToArray())), ("y", Numbers(y)));
        if (errors is not null) trace["error_y"] = ErrorBars(errors);
        return trace;
    }

    /// <summary>One chart of <paramref name="traces"/> with a title and axis titles; bars are grouped side by side.</summary>
    /// <param name="integerX">Ticks at whole numbers only (layer indices, epochs).</param>
    public static PlotlyFigure Chart(IEnumerable<JsonObject> traces, string title, string xTitle, string yTitle, bool integerX = false)
    {
        var xaxis = Axis(xTitle);
        if (integerX) xaxis["dtick"] = 1;
        return new PlotlyFigure(traces, Object(("title", Object(("text", title))), ("xaxis", xaxis), ("yaxis", Axis(yTitle)), ("barmode", "group")));
    }

    /// <summary>The chart with its layout sized to <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static PlotlyFigure Sized(PlotlyFigure chart, int width, int height) =>
        chart.WithLayout(Object(("width", width), ("height", height)));

    /// <summary>An axis with a title.</summary>
    internal static JsonObject Axis(string title) => Object(("title", Object(("text", title))));

    private static JsonObject ErrorBars(IReadOnlyList<double> errors) =>
        Object(("type", "data"), ("array", Numbers(errors)), ("visible", true));
}

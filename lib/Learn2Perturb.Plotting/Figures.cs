using Plotly.NET;
using Dyn = DynamicObj.DynamicObj;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Builds Plotly.NET charts from plotly.js trace and layout attributes. Plotly.NET's high-level <c>Chart.*</c> functions
/// are F# methods whose optional arguments are not optional from C# (forty-odd arguments each), so the workbook sets
/// the plotly.js attributes directly on Plotly.NET's trace and layout objects: the attribute names are plotly.js's own.
/// </summary>
public static class Figures
{
    /// <summary>A bar trace: one bar per key, error bars of ± <paramref name="errors"/> when given.</summary>
    public static Trace Bar(string name, IReadOnlyList<string> keys, IReadOnlyList<double> values, IReadOnlyList<double>? errors = null)
    {
        if (keys.Count != values.Count) throw new ArgumentException($"{name}: {keys.Count} keys but {values.Count} values", nameof(values));
        var trace = new Trace2D("bar");
        trace.SetProperty("name", name);
        trace.SetProperty("x", keys.ToArray());
        trace.SetProperty("y", values.ToArray());
        if (errors is not null)
        {
            if (errors.Count != values.Count) throw new ArgumentException($"{name}: {values.Count} values but {errors.Count} errors", nameof(errors));
            trace.SetProperty("error_y", Object(("type", "data"), ("array", errors.ToArray()), ("visible", true)));
        }
        return trace;
    }

    /// <summary>A line-and-markers trace through (<paramref name="x"/>, <paramref name="y"/>), error bars of ± <paramref name="errors"/> when given.</summary>
    public static Trace Line<TX>(string name, IReadOnlyList<TX> x, IReadOnlyList<double> y, IReadOnlyList<double>? errors = null)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{name}: {x.Count} x values but {y.Count} y values", nameof(y));
        if (errors is not null && errors.Count != y.Count) throw new ArgumentException($"{name}: {y.Count} y values but {errors.Count} errors", nameof(errors));
        var trace = new Trace2D("scatter");
        trace.SetProperty("name", name);
        trace.SetProperty("mode", "lines+markers");
        trace.SetProperty("x", x.ToArray());
        trace.SetProperty("y", y.ToArray());
        if (errors is not null) trace.SetProperty("error_y", Object(("type", "data"), ("array", errors.ToArray()), ("visible", true)));
        return trace;
    }

    /// <summary>One chart of <paramref name="traces"/> with a title and axis titles; bars are grouped side by side.</summary>
    /// <param name="integerX">Ticks at whole numbers only (layer indices, epochs).</param>
    public static GenericChart Chart(IEnumerable<Trace> traces, string title, string xTitle, string yTitle, bool integerX = false)
    {
        var charts = traces.Select(t => GenericChart.ofTraceObject(true, t)).ToList();
        if (charts.Count == 0) throw new ArgumentException("a chart needs at least one trace", nameof(traces));
        var layout = new Layout();
        layout.SetProperty("title", Object(("text", title)));
        layout.SetProperty("xaxis", integerX ? Object(("title", Object(("text", xTitle))), ("dtick", 1)) : Object(("title", Object(("text", xTitle)))));
        layout.SetProperty("yaxis", Object(("title", Object(("text", yTitle)))));
        layout.SetProperty("barmode", "group");
        return GenericChart.addLayout(layout, GenericChart.combine(charts));
    }

    /// <summary>The chart with its layout sized to <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static GenericChart Sized(GenericChart chart, int width, int height)
    {
        var layout = new Layout();
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        return GenericChart.addLayout(layout, chart);
    }

    private static Dyn Object(params (string Name, object Value)[] properties)
    {
        var obj = new Dyn();
        foreach (var (name, value) in properties) obj.SetProperty(name, value);
        return obj;
    }
}

using Plotly.NET;
using Dyn = DynamicObj.DynamicObj;

namespace Learn2Perturb.Plotting;

/// <summary>
/// The plotly.js traces and layouts the learned-noise charts need beyond <see cref="Figures"/>: a heatmap, and small
/// multiples (one panel per trace, in a grid, each titled), set as plotly.js attributes for the reason
/// <see cref="Figures"/> gives.
/// </summary>
public static class PanelFigures
{
    /// <summary>A heatmap trace: <paramref name="z"/>[row][column] over columns <paramref name="x"/> and rows <paramref name="y"/>.</summary>
    public static Trace Heatmap<TX>(IReadOnlyList<TX> x, IReadOnlyList<string> y, IReadOnlyList<IReadOnlyList<double>> z, string colorbarTitle)
    {
        if (z.Count != y.Count) throw new ArgumentException($"heatmap: {y.Count} row labels but {z.Count} rows", nameof(z));
        var ragged = z.Select((row, i) => (row, i)).FirstOrDefault(r => r.row.Count != x.Count);
        if (ragged.row is not null) throw new ArgumentException($"heatmap: row '{y[ragged.i]}' has {ragged.row.Count} values but there are {x.Count} columns", nameof(z));
        var trace = new Trace2D("heatmap");
        trace.SetProperty("x", x.ToArray());
        trace.SetProperty("y", y.ToArray());
        trace.SetProperty("z", z.Select(row => row.ToArray()).ToArray());
        trace.SetProperty("colorbar", Object(("title", Object(("text", colorbarTitle)))));
        return trace;
    }

    /// <summary>A pre-binned histogram: bars of <paramref name="heights"/> centred on <paramref name="centres"/>, each <paramref name="width"/> wide.</summary>
    public static Trace Histogram(string name, IReadOnlyList<double> centres, double width, IReadOnlyList<double> heights)
    {
        if (centres.Count != heights.Count) throw new ArgumentException($"{name}: {centres.Count} bins but {heights.Count} heights", nameof(heights));
        if (!(width > 0)) throw new ArgumentOutOfRangeException(nameof(width), width, "the bin width must be > 0");
        var trace = new Trace2D("bar");
        trace.SetProperty("name", name);
        trace.SetProperty("x", centres.ToArray());
        trace.SetProperty("y", heights.ToArray());
        trace.SetProperty("width", width);
        return trace;
    }

    /// <summary>
    /// One panel per trace in a grid of <paramref name="columns"/> columns, each panel with its own axes and its title
    /// above it; x titles on the bottom row, y titles on the left column; no legend (the panel titles name the traces).
    /// </summary>
    public static GenericChart Panels(IReadOnlyList<(string Title, Trace Trace)> panels, string title, string xTitle, string yTitle, int columns)
    {
        if (panels.Count == 0) throw new ArgumentException("a panel chart needs at least one panel", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be ≥ 1");
        columns = Math.Min(columns, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        var layout = new Layout();
        layout.SetProperty("title", Object(("text", title)));
        layout.SetProperty("grid", Object(("rows", rows), ("columns", columns), ("pattern", "independent")));
        layout.SetProperty("showlegend", false);
        var annotations = new List<Dyn>();
        for (int i = 0; i < panels.Count; i++)
        {
            string suffix = i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            panels[i].Trace.SetProperty("xaxis", "x" + suffix);
            panels[i].Trace.SetProperty("yaxis", "y" + suffix);
            bool bottom = i + columns >= panels.Count, left = i % columns == 0;
            layout.SetProperty("xaxis" + suffix, bottom ? Object(("title", Object(("text", xTitle)))) : new Dyn());
            layout.SetProperty("yaxis" + suffix, left ? Object(("title", Object(("text", yTitle)))) : new Dyn());
            annotations.Add(Object(("text", panels[i].Title), ("showarrow", false), ("xref", $"x{suffix} domain"), ("yref", $"y{suffix} domain"),
                ("x", 0.5), ("y", 1.0), ("xanchor", "center"), ("yanchor", "bottom")));
        }
        layout.SetProperty("annotations", annotations.ToArray());
        var charts = panels.Select(p => GenericChart.ofTraceObject(true, p.Trace)).ToList();
        return GenericChart.addLayout(layout, GenericChart.combine(charts));
    }

    /// <summary>A chart of one trace (a heatmap) with a title and axis titles; categorical y keeps the rows' order.</summary>
    public static GenericChart Single(Trace trace, string title, string xTitle, string yTitle, bool integerX = false)
    {
        var layout = new Layout();
        layout.SetProperty("title", Object(("text", title)));
        layout.SetProperty("xaxis", integerX ? Object(("title", Object(("text", xTitle))), ("dtick", 1)) : Object(("title", Object(("text", xTitle)))));
        layout.SetProperty("yaxis", Object(("title", Object(("text", yTitle))), ("type", "category"), ("autorange", "reversed")));
        return GenericChart.addLayout(layout, GenericChart.ofTraceObject(true, trace));
    }

    private static Dyn Object(params (string Name, object Value)[] properties)
    {
        var obj = new Dyn();
        foreach (var (name, value) in properties) obj.SetProperty(name, value);
        return obj;
    }
}

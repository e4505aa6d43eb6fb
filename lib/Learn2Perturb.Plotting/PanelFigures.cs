using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Learn2Perturb.Plotting.PlotlyFigure;

namespace Learn2Perturb.Plotting;

/// <summary>
/// The plotly.js traces and layouts the learned-noise charts need beyond <see cref="Figures"/>: a heatmap, and small
/// multiples (one panel per trace, in a grid, each titled), as plotly.js attributes (<see cref="PlotlyFigure"/>).
/// </summary>
public static class PanelFigures
{
    /// <summary>The height in pixels of one row of panels.</summary>
    public const int PanelHeight = 200;

    /// <summary>A heatmap trace: <paramref name="z"/>[row][column] over columns <paramref name="x"/> and rows <paramref name="y"/>.</summary>
    public static JsonObject Heatmap<TX>(IReadOnlyList<TX> x, IReadOnlyList<string> y, IReadOnlyList<IReadOnlyList<double>> z, string colorbarTitle)
    {
        if (z.Count != y.Count) throw new ArgumentException($"heatmap: {y.Count} row labels but {z.Count} rows", nameof(z));
        var ragged = z.Select((row, i) => (row, i)).FirstOrDefault(r => r.row.Count != x.Count);
        if (ragged.row is not null) throw new ArgumentException($"heatmap: row '{y[ragged.i]}' has {ragged.row.Count} values but there are {x.Count} columns", nameof(z));
        return Object(("type", "heatmap"), ("x", JsonSerializer.SerializeToNode(x.ToArray())), ("y", Strings(y)),
            ("z", new JsonArray([.. z.Select(row => (JsonNode)Numbers(row))])), ("colorbar", Object(("title", Object(("text", colorbarTitle))))));
    }

    /// <summary>A pre-binned histogram: bars of <paramref name="heights"/> centred on <paramref name="centres"/>, each <paramref name="width"/> wide.</summary>
    public static JsonObject Histogram(string name, IReadOnlyList<double> centres, double width, IReadOnlyList<double> heights)
    {
        if (centres.Count != heights.Count) throw new ArgumentException($"{name}: {centres.Count} bins but {heights.Count} heights", nameof(heights));
        if (!(width > 0)) throw new ArgumentOutOfRangeException(nameof(width), width, "the bin width must be > 0");
        return Object(("type", "bar"), ("name", name), ("x", Numbers(centres)), ("y", Numbers(heights)), ("width", width));
    }

    /// <summary>
    /// One panel per trace in a grid of <paramref name="columns"/> columns, each panel with its own axes and its title
    /// above it; x titles on the bottom row, the y title once beside the grid; no legend (the panel titles name the
    /// traces). The layout's height grows with the rows (<see cref="PanelHeight"/> each).
    /// </summary>
    public static PlotlyFigure Panels(IReadOnlyList<(string Title, JsonObject Trace)> panels, string title, string xTitle, string yTitle, int columns)
    {
        if (panels.Count == 0) throw new ArgumentException("a panel chart needs at least one panel", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be ≥ 1");
        columns = Math.Min(columns, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        // Rows tall enough for each panel's title above its plot, and the y title once, beside the grid: per-row y titles
        // are longer than a row and run into each other.
        var layout = Object(("title", Object(("text", title))), ("grid", Object(("rows", rows), ("columns", columns), ("pattern", "independent"), ("ygap", 0.45))),
            ("showlegend", false), ("height", PanelHeight * rows + 140));
        var annotations = new JsonArray(Object(("text", yTitle), ("showarrow", false), ("textangle", -90), ("xref", "paper"), ("yref", "paper"),
            ("x", -0.07), ("y", 0.5), ("xanchor", "center"), ("yanchor", "middle")));
        var traces = new List<JsonObject>();
        for (int i = 0; i < panels.Count; i++)
        {
            string suffix = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var trace = (JsonObject)panels[i].Trace.DeepClone();
            trace["xaxis"] = "x" + suffix;
            trace["yaxis"] = "y" + suffix;
            traces.Add(trace);
            bool bottom = i + columns >= panels.Count;
            layout["xaxis" + suffix] = bottom ? Figures.Axis(xTitle) : new JsonObject();
            layout["yaxis" + suffix] = new JsonObject();
            annotations.Add(Object(("text", panels[i].Title), ("showarrow", false), ("xref", $"x{suffix} domain"), ("yref", $"y{suffix} domain"),
                ("x", 0.5), ("y", 1.0), ("xanchor", "center"), ("yanchor", "bottom")));
        }
        layout["annotations"] = annotations;
        return new PlotlyFigure(traces, layout);
    }

    /// <summary>A chart of one trace (a heatmap) with a title and axis titles; categorical y keeps the rows' order.</summary>
    public static PlotlyFigure Single(JsonObject trace, string title, string xTitle, string yTitle, bool integerX = false)
    {
        var xaxis = Figures.Axis(xTitle);
        if (integerX) xaxis["dtick"] = 1;
        var yaxis = Figures.Axis(yTitle);
        yaxis["type"] = "category";
        yaxis["autorange"] = "reversed";
        return new PlotlyFigure([trace], Object(("title", Object(("text", title))), ("xaxis", xaxis), ("yaxis", yaxis)));
    }
}

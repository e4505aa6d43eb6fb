using System.Text.Json;
using System.Text.Json.Nodes;

namespace Learn2Perturb.Plotting;

/// <summary>
/// A plotly.js figure: its traces and its layout, as plotly.js's own JSON attributes. The workbook writes these itself
/// rather than through Plotly.NET, so that no F# runtime is loaded into the notebook host: the stock .NET Interactive
/// hosts (Jupyter, VS Code's Polyglot Notebooks) ship an FSharp.Core that Plotly.NET 6 cannot run on.
/// </summary>
public sealed class PlotlyFigure
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>
    /// plotly's own MIME type for a figure's JSON. A saved notebook carries it beside the chart's PNG: hosts with a plotly
    /// renderer (VS Code's notebook renderers, JupyterLab with plotly's extension) draw it interactively, while GitHub and
    /// nbconvert, which have none, show the PNG.
    /// </summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>A figure of <paramref name="traces"/> (at least one) and <paramref name="layout"/>; both are copied.</summary>
    public PlotlyFigure(IEnumerable<JsonObject> traces, JsonObject layout)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(layout);
        Traces = traces.Select(t => (JsonObject)t.DeepClone()).ToArray();
        if (Traces.Count == 0) throw new ArgumentException("a figure needs at least one trace", nameof(traces));
        Layout = (JsonObject)layout.DeepClone();
    }

    /// <summary>plotly.js's <c>data</c>: one object per trace.</summary>
    public IReadOnlyList<JsonObject> Traces { get; }

    /// <summary>plotly.js's <c>layout</c>.</summary>
    public JsonObject Layout { get; }

    /// <summary>
    /// A copy with <paramref name="patch"/> merged into the layout: objects merge member by member (so setting an axis's
    /// type keeps its title), anything else replaces.
    /// </summary>
    public PlotlyFigure WithLayout(JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var layout = (JsonObject)Layout.DeepClone();
        Merge(layout, patch);
        return new PlotlyFigure(Traces, layout);
    }

    /// <summary>The figure as plotly.js's JSON, <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["data"] = new JsonArray([.. Traces.Select(t => t.DeepClone())]),
        ["layout"] = Layout.DeepClone(),
    }.ToJsonString(Compact);

    /// <summary>A JSON object of <paramref name="members"/>: what every trace and layout attribute is built from.</summary>
    public static JsonObject Object(params (string Name, JsonNode? Value)[] members) =>
        new(members.Select(m => KeyValuePair.Create(m.Name, m.Value)));

    /// <summary>
    /// A JSON array of numbers; a NaN (a value nobody measured) becomes null, which plotly.js leaves undrawn rather than
    /// drawing as zero.
    /// </summary>
    public static JsonArray Numbers(IEnumerable<double> values) =>
        new([.. values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null)]);

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject inner && target[name] is JsonObject existing) Merge(existing, inner);
            else target[name] = value?.DeepClone();
        }
    }
}

namespace Learn2Perturb.Plotting;

/// <summary>
/// How a notebook shows a chart. <see cref="Html"/>: interactive plotly.js (a person running the notebook).
/// <see cref="Png"/>: a static image rendered by headless Chromium, stored in the saved notebook so that GitHub, which
/// runs no JavaScript, shows the chart (docs/architecture.md §4), with the figure's JSON beside it under
/// <see cref="PlotlyFigure.MimeType"/> for hosts that draw it interactively.
/// </summary>
public enum ChartMode
{
    Html,
    Png,
}

/// <summary>Reads the chart mode from <c>L2P_NOTEBOOK_CHARTS</c> (<c>html</c> or <c>png</c>); the headless runner sets <c>png</c>.</summary>
public static class ChartModes
{
    public const string Variable = "L2P_NOTEBOOK_CHARTS";

    /// <summary>The mode named by <c>L2P_NOTEBOOK_CHARTS</c>, or <see cref="ChartMode.Html"/> when it is unset.</summary>
    /// <exception cref="ArgumentException">The variable holds anything but <c>html</c> or <c>png</c>.</exception>
    public static ChartMode FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? Parse(value) : ChartMode.Html;

    public static ChartMode Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "html" => ChartMode.Html,
        "png" => ChartMode.Png,
        _ => throw new ArgumentException($"{Variable}: unknown chart mode '{name}': expected html or png"),
    };
}

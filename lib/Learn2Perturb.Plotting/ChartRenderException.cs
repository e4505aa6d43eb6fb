namespace Learn2Perturb.Plotting;

/// <summary>A chart could not be rendered to an image: no browser was found, or the browser failed.</summary>
public sealed class ChartRenderException(string message) : Exception(message);

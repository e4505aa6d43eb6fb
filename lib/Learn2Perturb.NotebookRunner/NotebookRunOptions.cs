namespace Learn2Perturb.NotebookRunner;

/// <summary>How <see cref="NotebookRunner"/> executes a notebook.</summary>
/// <param name="Environment">Environment variables set for the run and restored after it (e.g. <c>L2P_PROFILE=smoke</c>).</param>
/// <param name="Save">Write the outputs of the executed cells, the failing one included, back into the notebook file.</param>
/// <param name="CellTimeout">The longest one cell may run (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: no limit);
/// null means <see cref="DefaultCellTimeout"/>. A cell that runs longer fails, named, with "timed out".</param>
public sealed record NotebookRunOptions(IReadOnlyDictionary<string, string>? Environment = null, bool Save = false, TimeSpan? CellTimeout = null)
{
    /// <summary>The limit when none is given: long enough for any smoke cell, short enough that a hang fails CI.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The defaults of a headless run: the given profile, charts as PNG so saved notebooks show them on GitHub.</summary>
    /// <remarks>A cell's time limit follows the profile: smoke cells take seconds, so 30 minutes catches a hang in CI; a quick cell
    /// evaluates several defences under expensive attacks (C&amp;W took 30 minutes on one CPU thread) and a paper cell trains
    /// for hours, so neither has a limit.</remarks>
    public static NotebookRunOptions Headless(string profile, bool save = false) => new(
        new Dictionary<string, string> { ["L2P_PROFILE"] = profile, ["L2P_NOTEBOOK_CHARTS"] = "png" }, save,
        profile == "smoke" ? DefaultCellTimeout : System.Threading.Timeout.InfiniteTimeSpan);

    internal TimeSpan Timeout => CellTimeout ?? DefaultCellTimeout;

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(CellTimeout), CellTimeout, "CellTimeout must be positive, or Timeout.InfiniteTimeSpan for no limit");
        foreach (var name in Environment?.Keys ?? [])
            if (string.IsNullOrWhiteSpace(name) || name.Contains('=')) throw new ArgumentException($"Environment: invalid variable name '{name}'", nameof(Environment));
    }
}

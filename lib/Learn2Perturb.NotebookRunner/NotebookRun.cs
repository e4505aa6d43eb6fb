namespace Learn2Perturb.NotebookRunner;

/// <summary>The result of executing one notebook: every executed cell, up to and including the first failing one.</summary>
public sealed record NotebookRun(string Path, IReadOnlyList<CellResult> Cells, TimeSpan Elapsed)
{
    public CellResult? FirstFailure => Cells.FirstOrDefault(c => c.Failed);

    public bool Succeeded => FirstFailure is null;

    /// <summary>Throws <see cref="NotebookExecutionException"/> naming the notebook, the cell and its error when a cell failed.</summary>
    public NotebookRun EnsureSucceeded() =>
        FirstFailure is { } failed ? throw new NotebookExecutionException(Path, failed) : this;
}

/// <summary>A notebook cell produced an error; the message names the notebook, the cell (number and first line) and the error.</summary>
public sealed class NotebookExecutionException(string path, CellResult cell)
    : Exception($"{System.IO.Path.GetFileName(path)}: {cell}")
{
    public CellResult Cell { get; } = cell;
}

using Microsoft.DotNet.Interactive.Documents;

namespace Learn2Perturb.NotebookRunner;

/// <summary>One executed cell: its 1-based position among all cells (markdown included, as Jupyter numbers them), its
/// kernel, its outputs, and the error it produced, if any.</summary>
public sealed record CellResult(int Number, string Kernel, string Code, IReadOnlyList<InteractiveDocumentOutputElement> Outputs,
    string? Error, TimeSpan Elapsed)
{
    public bool Failed => Error is not null;

    /// <summary>The first non-empty line of the cell, to name it in messages.</summary>
    public string FirstLine => Code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)";

    public override string ToString() => Failed ? $"cell {Number} ({FirstLine}) failed: {Error}" : $"cell {Number} ({FirstLine}) ok";
}

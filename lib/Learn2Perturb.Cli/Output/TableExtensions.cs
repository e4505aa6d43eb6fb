using Spectre.Console;

namespace Learn2Perturb.Cli.Output;

internal static class TableExtensions
{
    /// <summary>Adds a row of plain text: names like "V1(20)[1.5×]" must not be read as Spectre markup.</summary>
    public static Table AddTextRow(this Table table, params string[] cells) => table.AddRow(cells.Select(Markup.Escape).ToArray());
}

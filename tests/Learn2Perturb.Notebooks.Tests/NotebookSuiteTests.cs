using Learn2Perturb.NotebookRunner;
using Microsoft.DotNet.Interactive.Documents;
using Runner = Learn2Perturb.NotebookRunner.NotebookRunner;

namespace Learn2Perturb.Notebooks.Tests;

/// <summary>Every notebook of the workbook runs headlessly on the smoke profile and shows its charts as PNG.</summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookSuiteTests
{
    public static TheoryData<string> Notebooks() =>
        new(Directory.EnumerateFiles(Fixtures.NotebooksDirectory(), "*.ipynb").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    [Trait("Category", "Slow")]
    public async Task Notebook_runs_on_the_smoke_profile_without_error(string notebook)
    {
        var run = await Runner.RunAsync(Path.Combine(Fixtures.NotebooksDirectory(), notebook), NotebookRunOptions.Headless("smoke"));

        run.EnsureSucceeded(); // the exception names the cell and its error
        // STYLE.md §4: every notebook shows at least one chart; headless runs store it as PNG so GitHub shows it.
        var displays = run.Cells.SelectMany(c => c.Outputs).OfType<DisplayElement>().ToList();
        // ... and its measured table (HtmlTable: a header row, unlike the kernel's own nested object views).
        Assert.Contains(displays, d => d.Data.TryGetValue("text/html", out var html) && html.ToString()!.Contains("<thead><tr><th>"));
        var pngs = displays.Where(d => d.Data.ContainsKey("image/png")).ToList();
        Assert.NotEmpty(pngs);
        Assert.All(pngs, d => Assert.StartsWith("iVBORw0KGgo", d.Data["image/png"].ToString())); // base64 of the PNG signature
    }
}

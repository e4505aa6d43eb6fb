using System.Text.Json;
using Learn2Perturb.NotebookRunner;
using Microsoft.DotNet.Interactive.Documents;
using Runner = Learn2Perturb.NotebookRunner.NotebookRunner;

namespace Learn2Perturb.Notebooks.Tests;

/// <summary>
/// Every notebook of the workbook runs headlessly on the smoke profile and shows its table and charts: as PNG when a
/// Chromium is installed (CI installs it: scripts/notebook-deps.sh), else as interactive HTML, so that the README's
/// test command also passes on a machine with only the .NET SDK.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookSuiteTests(NotebookSuiteTests.FreshRunStore store) : IClassFixture<NotebookSuiteTests.FreshRunStore>
{
    /// <summary>
    /// One empty run store for the suite (L2P_RUNS), deleted afterwards: a notebook must train what it shows, never pass on
    /// a model or result left in the repository's runs/ by an earlier run; later notebooks reuse what earlier ones trained.
    /// </summary>
    public sealed class FreshRunStore : IDisposable
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "l2p-notebook-runs-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
    }

    public static TheoryData<string> Notebooks() =>
        new(Directory.EnumerateFiles(Fixtures.NotebooksDirectory(), "*.ipynb").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    [Trait("Category", "Slow")]
    public async Task Notebook_runs_on_the_smoke_profile_without_error(string notebook)
    {
        bool png = ChromiumInstalled();
        var options = new NotebookRunOptions(new Dictionary<string, string>
        {
            ["L2P_PROFILE"] = "smoke", ["L2P_NOTEBOOK_CHARTS"] = png ? "png" : "html", ["L2P_RUNS"] = store.Root,
            // Smoke models are tiny and `dotnet test` runs the other test assembly alongside: one thread avoids libtorch's
            // threads spinning against each other (4–5× slower measured on 2 shared cores).
            ["L2P_THREADS"] = "1",
        });
        var run = await Runner.RunAsync(Path.Combine(Fixtures.NotebooksDirectory(), notebook), options);

        run.EnsureSucceeded(); // the exception names the cell and its error
        // docs/architecture.md §4: every notebook shows at least one chart; headless runs store it as PNG so GitHub shows it.
        var displays = run.Cells.SelectMany(c => c.Outputs).OfType<DisplayElement>().ToList();
        // ... and its measured table (HtmlTable: a header row, unlike the kernel's own nested object views).
        Assert.Contains(displays, d => d.Data.TryGetValue("text/html", out var html) && html.ToString()!.Contains("<thead><tr><th>"));
        if (!png)
        {
            Assert.Contains(displays, d => d.Data.TryGetValue("text/html", out var html) && html.ToString()!.Contains("Plotly.newPlot"));
            return;
        }
        var pngs = displays.Where(d => d.Data.ContainsKey("image/png")).ToList();
        Assert.NotEmpty(pngs);
        Assert.All(pngs, d => Assert.StartsWith("iVBORw0KGgo", d.Data["image/png"].ToString())); // base64 of the PNG signature
        // Beside each PNG, the figure itself for hosts with a plotly renderer (--save writes it as JSON: JsonMimeOutputsTests).
        Assert.All(pngs, d =>
        {
            var figure = JsonDocument.Parse(d.Data["application/vnd.plotly.v1+json"].ToString()!).RootElement;
            Assert.Equal(JsonValueKind.Array, figure.GetProperty("data").ValueKind);
            Assert.Equal(JsonValueKind.Object, figure.GetProperty("layout").ValueKind);
        });
    }

    // As Plotting.HeadlessChromium.Find: this project does not reference the library, the notebooks load it themselves.
    private static bool ChromiumInstalled() =>
        Environment.GetEnvironmentVariable("L2P_CHROMIUM") is { Length: > 0 } configured ? File.Exists(configured)
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "chromium")) || File.Exists(Path.Combine(dir, "chromium-browser")));
}

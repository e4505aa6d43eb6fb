using System.Text.Json;

namespace Learn2Perturb.Notebooks.Tests;

/// <summary>
/// The quickstart runs, chart included, in the host users have: Jupyter with the stock dotnet-interactive kernel
/// (Microsoft.dotnet-interactive 1.0.712001 as scripts/jupyter-kernel.sh installs it, nothing in it patched), started
/// from a PATH without ~/.dotnet/tools, as in a fresh shell.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class StockHostTests
{
    [StockJupyterFact]
    [Trait("Category", "Slow")]
    public void Quickstart_runs_through_the_dotnet_interactive_jupyter_kernel_with_its_charts()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("l2p-jupyter-").FullName, "00-quickstart.executed.ipynb");
        var environment = new Dictionary<string, string> { ["L2P_PROFILE"] = "smoke", ["L2P_NOTEBOOK_CHARTS"] = "png" };

        var (code, log) = StockJupyter.Execute(Path.Combine(Fixtures.NotebooksDirectory(), "00-quickstart.ipynb"), output, environment, TimeSpan.FromMinutes(15));

        var executed = code == 0 ? File.ReadAllText(output) : "";
        Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        Assert.True(code == 0, $"nbconvert failed (exit {code}): {log}");
        var outputs = JsonDocument.Parse(executed).RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.TryGetProperty("outputs", out _)).SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToList();
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains(outputs, o => o.TryGetProperty("data", out var data) && data.TryGetProperty("image/png", out _));
    }
}

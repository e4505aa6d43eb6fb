using System.Text.Json;
using System.Text.RegularExpressions;

namespace Learn2Perturb.Notebooks.Tests;

/// <summary>
/// The README's Jupyter step, run literally, in the host users have: Jupyter with the stock dotnet-interactive kernel
/// (Microsoft.dotnet-interactive 1.0.712001 as scripts/jupyter-kernel.sh installs it, nothing in it patched), started
/// from a PATH without ~/.dotnet/tools, as in a fresh shell. The quickstart notebook must run with its charts.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed partial class StockHostTests
{
    [StockJupyterFact]
    [Trait("Category", "Slow")]
    public void The_readmes_jupyter_command_runs_the_quickstart_with_its_charts_through_the_stock_kernel()
    {
        var root = Path.GetDirectoryName(Fixtures.NotebooksDirectory())!;
        var command = ReadmeCommand().Match(File.ReadAllText(Path.Combine(root, "README.md")));
        Assert.True(command.Success, "README.md no longer shows `jupyter nbconvert … --execute … notebooks/00-quickstart.ipynb`");
        var output = Path.Combine(root, "notebooks", "00-quickstart.nbconvert.ipynb"); // where that command writes
        var store = Directory.CreateTempSubdirectory("l2p-jupyter-runs-").FullName;
        // The profile, charts and store are the documented variables a user may set; the command itself is the README's.
        var environment = new Dictionary<string, string>
        {
            ["L2P_PROFILE"] = "smoke", ["L2P_NOTEBOOK_CHARTS"] = "png", ["L2P_RUNS"] = store, ["L2P_THREADS"] = "1",
        };

        var (code, log) = StockJupyter.Shell(command.Groups[1].Value, root, environment, TimeSpan.FromMinutes(20));

        var executed = File.Exists(output) ? File.ReadAllText(output) : "";
        File.Delete(output);
        Directory.Delete(store, recursive: true);
        Assert.True(code == 0, $"`{command.Groups[1].Value}` failed (exit {code}): {log}");
        var outputs = JsonDocument.Parse(executed).RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.TryGetProperty("outputs", out _)).SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToList();
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains(outputs, o => o.TryGetProperty("data", out var data) && data.TryGetProperty("image/png", out _));
    }

    [GeneratedRegex(@"`(jupyter nbconvert [^`]*--execute[^`]*notebooks/00-quickstart\.ipynb)`")]
    private static partial Regex ReadmeCommand();
}

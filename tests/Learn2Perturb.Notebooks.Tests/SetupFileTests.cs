using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Learn2Perturb.Notebooks.Tests;

public sealed partial class SetupFileTests
{
    private static string Setup => File.ReadAllText(Path.Combine(Fixtures.NotebooksDirectory(), "setup.dib"));

    [Fact]
    public void Every_assembly_the_setup_loads_is_in_the_build_output()
    {
        var folder = Path.GetFullPath(Path.Combine(Fixtures.NotebooksDirectory(), PluginFolder().Match(Setup).Groups[1].Value));
        var files = Reference().Matches(Setup).Select(m => Path.GetFullPath(Path.Combine(Fixtures.NotebooksDirectory(), m.Groups[1].Value))).ToList();

        Assert.True(files.Count >= 3, $"expected TorchSharp, the library and the charts in the #r list, found {files.Count} files");
        Assert.All(files, f => Assert.True(File.Exists(f), $"setup.dib loads {f}, which the Release build does not produce"));
        Assert.All(files, f => Assert.StartsWith(folder, f)); // one build output: every version the one pinned
        // The stock hosts carry their own FSharp.Core; the charts must not need one (nor load the package that embeds plotly.js).
        Assert.False(File.Exists(Path.Combine(folder, "FSharp.Core.dll")), $"{folder} holds FSharp.Core.dll: something brought F# back into the notebooks' load path");
        Assert.False(File.Exists(Path.Combine(folder, "Plotly.NET.dll")), $"{folder} holds Plotly.NET.dll: only plotly.js.container.dll is expected");
    }

    [Fact]
    public void Every_notebook_imports_the_shared_setup_and_defines_no_types()
    {
        foreach (var notebook in Directory.EnumerateFiles(Fixtures.NotebooksDirectory(), "*.ipynb"))
        {
            var text = File.ReadAllText(notebook);
            Assert.Contains("#!import setup.dib", text);
            Assert.DoesNotMatch(@"\b(class|struct|record|interface)\s+[A-Z]\w*\s*[({:<]", text); // logic lives in the library
        }
    }

    [Fact]
    public void Every_notebook_has_no_loops_and_closes_with_what_matched_and_what_did_not()
    {
        foreach (var notebook in Directory.EnumerateFiles(Fixtures.NotebooksDirectory(), "*.ipynb"))
        {
            var cells = Cells(notebook);
            var code = string.Concat(cells.Where(c => c.Type == "code").Select(c => c.Source));
            Assert.DoesNotMatch(@"\b(for|foreach|while)\s*\(", code); // docs/architecture.md §4: loops of logic belong in the library
            Assert.Equal("markdown", cells[^1].Type);
            Assert.StartsWith("## What matched, what did not", cells[^1].Source);
        }
    }

    [Fact]
    public void Saved_outputs_hold_no_error_and_no_path_of_the_machine_that_ran_them()
    {
        foreach (var notebook in Directory.EnumerateFiles(Fixtures.NotebooksDirectory(), "*.ipynb"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(notebook));
            foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
            {
                if (!cell.TryGetProperty("outputs", out var outputs)) continue;
                foreach (var output in outputs.EnumerateArray())
                {
                    Assert.NotEqual("error", output.GetProperty("output_type").GetString());
                    // Text only: base64 images could spell anything.
                    var texts = output.TryGetProperty("data", out var data)
                        ? data.EnumerateObject().Where(p => !p.Name.StartsWith("image/")).Select(p => p.Value.GetRawText())
                        : [output.GetRawText()];
                    Assert.All(texts, text => Assert.DoesNotMatch("(/work/|/tmp/|/home/)", text));
                }
            }
        }
    }

    private static List<(string Type, string Source)> Cells(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(notebook));
        return json.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => (c.GetProperty("cell_type").GetString()!,
                c.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines ? string.Concat(lines.EnumerateArray().Select(l => l.GetString())) : c.GetProperty("source").GetString()!))
            .ToList();
    }

    [Theory]
    [InlineData("run --profile fast a.ipynb", "--profile: unknown profile 'fast': expected smoke, quick, medium or paper")]
    [InlineData("run --charts svg a.ipynb", "--charts: unknown chart mode 'svg': expected png or html")]
    [InlineData("run --frobnicate", "unknown or incomplete option '--frobnicate'")]
    [InlineData("run --cell-timeout 0 a.ipynb", "--cell-timeout: '0' is not a positive number of minutes or 'none'")]
    [InlineData("run", "no notebook given")]
    [InlineData("run missing.ipynb", "notebook not found")]
    public void The_command_line_rejects_bad_input_naming_the_option(string arguments, string message)
    {
        var runner = Path.Combine(AppContext.BaseDirectory, "l2p-notebook.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(runner);
        foreach (var a in arguments.Split(' ')) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains(message, stderr);
    }

    [GeneratedRegex(@"GetFullPath\(""([^""]+)""\)")]
    private static partial Regex PluginFolder();

    [GeneratedRegex(@"^#r ""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex Reference();
}

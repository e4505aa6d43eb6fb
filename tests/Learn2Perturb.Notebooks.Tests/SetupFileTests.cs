using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Learn2Perturb.Notebooks.Tests;

public sealed partial class SetupFileTests
{
    private static string Setup => File.ReadAllText(Path.Combine(Fixtures.NotebooksDirectory(), "setup.dib"));

    [Fact]
    public void Every_assembly_the_setup_loads_is_in_the_build_output()
    {
        var folder = Path.GetFullPath(Path.Combine(Fixtures.NotebooksDirectory(), PluginFolder().Match(Setup).Groups[1].Value));
        var referenced = Reference().Matches(Setup).Select(m => Path.GetFullPath(Path.Combine(Fixtures.NotebooksDirectory(), m.Groups[1].Value)));
        var preloaded = Preload().Match(Setup).Groups[1].Value.Split(',').Select(n => Path.Combine(folder, n.Trim().Trim('"') + ".dll"));

        var files = referenced.Concat(preloaded).ToList();
        Assert.True(files.Count >= 10, $"expected the #r list and the preload list, found {files.Count} files");
        Assert.All(files, f => Assert.True(File.Exists(f), $"setup.dib loads {f}, which the Release build does not produce"));
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

    [Theory]
    [InlineData("run --profile fast a.ipynb", "--profile: unknown profile 'fast': expected smoke, quick or paper")]
    [InlineData("run --charts svg a.ipynb", "--charts: unknown chart mode 'svg': expected png or html")]
    [InlineData("run --frobnicate", "unknown or incomplete option '--frobnicate'")]
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

    [GeneratedRegex(@"new\[\] \{([^}]+)\}")]
    private static partial Regex Preload();
}

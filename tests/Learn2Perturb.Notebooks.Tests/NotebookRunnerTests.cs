using Learn2Perturb.NotebookRunner;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Runner = Learn2Perturb.NotebookRunner.NotebookRunner;

namespace Learn2Perturb.Notebooks.Tests;

[Collection(NotebookCollection.Name)]
public sealed class NotebookRunnerTests
{
    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_named_with_its_error()
    {
        var run = await Runner.RunAsync(Fixtures.Path("broken.ipynb"));

        Assert.False(run.Succeeded);
        var failed = Assert.IsType<CellResult>(run.FirstFailure);
        Assert.Equal(3, failed.Number); // markdown counts: cell 1 is markdown, cell 2 ran, cell 3 threw
        Assert.Contains("fixture failure in cell 3", failed.Error);
        Assert.Equal([2, 3], run.Cells.Select(c => c.Number)); // cell 4 never ran
        var e = Assert.Throws<NotebookExecutionException>(() => run.EnsureSucceeded());
        Assert.Contains("broken.ipynb: cell 3 (throw new InvalidOperationException", e.Message);
        Assert.Contains("fixture failure in cell 3", e.Message);
    }

    [Fact]
    public async Task A_compile_error_fails_with_the_compiler_message()
    {
        var run = await Runner.RunAsync(Fixtures.Path("compile-error.ipynb"));

        Assert.Equal(1, run.FirstFailure?.Number);
        Assert.Contains("CS0029", run.FirstFailure?.Error);
    }

    [Fact]
    public async Task A_failure_inside_an_imported_file_fails_the_importing_cell()
    {
        var run = await Runner.RunAsync(Fixtures.Path("imports-broken.ipynb"));

        Assert.Equal(1, run.FirstFailure?.Number);
        Assert.Contains("CS0029", run.FirstFailure?.Error);
        Assert.Single(run.Cells);
    }

    [Fact]
    public async Task An_exception_thrown_at_run_time_inside_an_imported_file_fails_the_importing_cell()
    {
        var run = await Runner.RunAsync(Fixtures.Path("imports-throwing.ipynb"));

        Assert.Equal(1, run.FirstFailure?.Number);
        Assert.Contains("FormatException", run.FirstFailure?.Error);
        Assert.Contains("not a number", run.FirstFailure?.Error);
        Assert.Single(run.Cells); // the cell that would print x = 0 never ran
        var e = Assert.Throws<NotebookExecutionException>(() => run.EnsureSucceeded());
        Assert.Contains("cell 1 (#!import throwing-setup.dib) failed", e.Message);
    }

    [Fact]
    public async Task A_cell_for_a_kernel_the_runner_lacks_fails_naming_the_kernel()
    {
        var run = await Runner.RunAsync(Fixtures.Path("fsharp-cell.ipynb"));

        Assert.Equal(2, run.FirstFailure?.Number);
        Assert.Contains("unknown kernel 'fsharp'", run.FirstFailure?.Error);
    }

    [Fact]
    public async Task A_cell_past_its_time_limit_fails_named_and_keeps_what_ran_before_it()
    {
        var path = Fixtures.Copy("slow-cell.ipynb");
        var run = await Runner.RunAsync(path, new NotebookRunOptions(Save: true, CellTimeout: TimeSpan.FromSeconds(40))); // the first cell also pays for the kernel's start
        var saved = Notebook.Parse(File.ReadAllText(path), Runner.KernelInfos);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

        Assert.Null(run.Cells[0].Error);
        Assert.Equal(2, run.FirstFailure?.Number);
        Assert.Contains("timed out after 40 s", run.FirstFailure?.Error);
        Assert.Equal([1, 2], run.Cells.Select(c => c.Number)); // cell 3 never ran
        Assert.Contains(saved.Elements[0].Outputs.OfType<TextElement>(), t => t.Text.Contains("before the slow cell"));
    }

    [Fact]
    public void Headless_runs_limit_a_cell_on_smoke_only()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), NotebookRunOptions.Headless("smoke").CellTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, NotebookRunOptions.Headless("quick").CellTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, NotebookRunOptions.Headless("paper").CellTimeout);
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_with_the_given_environment_which_is_restored_after()
    {
        var before = (Environment.CurrentDirectory, Environment.GetEnvironmentVariable("L2P_PROFILE"));
        var run = await Runner.RunAsync(Fixtures.Path("outputs.ipynb"), NotebookRunOptions.Headless("smoke"));

        run.EnsureSucceeded();
        var stdout = Assert.IsType<TextElement>(Assert.Single(run.Cells[0].Outputs));
        Assert.Equal("stdout", stdout.Name);
        Assert.Contains("to stdout", stdout.Text);
        var display = Assert.IsType<DisplayElement>(Assert.Single(run.Cells[1].Outputs));
        Assert.Contains(display.Data.Values, v => v.ToString()!.Contains("smoke in Fixtures"));
        Assert.Equal(before, (Environment.CurrentDirectory, Environment.GetEnvironmentVariable("L2P_PROFILE")));
    }

    [Fact]
    public async Task Save_writes_the_outputs_into_the_notebook()
    {
        var path = Fixtures.Copy("outputs.ipynb");
        await Runner.RunAsync(path, new NotebookRunOptions(Save: true));
        var text = File.ReadAllText(path);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

        var saved = Notebook.Parse(text, Runner.KernelInfos);
        Assert.Empty(saved.Elements[0].Outputs); // markdown
        Assert.Contains(saved.Elements[1].Outputs.OfType<TextElement>(), t => t.Text.Contains("to stdout"));
        Assert.Single(saved.Elements[2].Outputs.OfType<DisplayElement>());
    }

    [Fact]
    public async Task Bad_input_is_rejected_naming_the_file_and_what_was_expected()
    {
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => Runner.RunAsync("no-such.ipynb"));
        Assert.Contains("no-such.ipynb", missing.Message);
        var corrupt = await Assert.ThrowsAsync<ArgumentException>(() => Runner.RunAsync(Fixtures.Path("corrupt.ipynb")));
        Assert.Contains("corrupt.ipynb: not a valid .ipynb notebook", corrupt.Message);
        var notNotebook = await Assert.ThrowsAsync<ArgumentException>(() => Runner.RunAsync(typeof(NotebookRunnerTests).Assembly.Location));
        Assert.Contains("expected a Jupyter notebook (.ipynb)", notNotebook.Message);
        var badTimeout = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Runner.RunAsync(Fixtures.Path("outputs.ipynb"), new NotebookRunOptions(CellTimeout: TimeSpan.Zero)));
        Assert.Contains("CellTimeout", badTimeout.Message);
    }
}

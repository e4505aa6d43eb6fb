using System.Diagnostics;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace Learn2Perturb.NotebookRunner;

/// <summary>
/// Executes a .ipynb notebook headlessly, cell after cell, in a .NET Interactive composite kernel holding a C# kernel
/// (with <c>#!import</c>, as in VS Code and Jupyter), stops at the first cell that produces an error and reports it by
/// number, first line and message; can save the outputs back into the notebook.
/// Runs in the calling process: one notebook at a time, since the working directory (the notebook's folder, which
/// relative <c>#r</c> and <c>#!import</c> paths resolve against) and the environment are process-wide.
/// </summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static KernelInfoCollection KernelInfos => new() { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", languageName: "C#", aliases: new[] { "c#", "cs" }) };

    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="ArgumentException">The file is not a .ipynb notebook, or cannot be parsed as one.</exception>
    public static async Task<NotebookRun> RunAsync(string path, NotebookRunOptions? options = null, CancellationToken cancel = default)
    {
        options ??= new NotebookRunOptions();
        options.Validate();
        path = Path.GetFullPath(path); // before the run moves the working directory to the notebook's folder
        var document = Load(path);
        await OneAtATime.WaitAsync(cancel);
        try
        {
            using var scope = new ProcessScope(Path.GetDirectoryName(path)!, options.Environment);
            var clock = Stopwatch.StartNew();
            var cells = await ExecuteAsync(document, options.Timeout, cancel);
            var run = new NotebookRun(path, cells, clock.Elapsed);
            if (options.Save) Save(path, document, cells);
            return run;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    internal static InteractiveDocument Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"notebook not found: {Path.GetFullPath(path)}", path);
        if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{path}: expected a Jupyter notebook (.ipynb)", nameof(path));
        try
        {
            return Notebook.Parse(File.ReadAllText(path), KernelInfos);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"{path}: not a valid .ipynb notebook: {e.Message}", nameof(path), e);
        }
    }

    private static async Task<List<CellResult>> ExecuteAsync(InteractiveDocument document, TimeSpan timeout, CancellationToken cancel)
    {
        var thrown = new List<Exception>();
        using var kernel = CreateKernel(thrown);
        var results = new List<CellResult>();
        for (int i = 0; i < document.Elements.Count; i++)
        {
            var element = document.Elements[i];
            if (IsMarkdown(element)) continue;
            var result = await ExecuteCellAsync(kernel, thrown, element, i + 1, timeout, cancel);
            results.Add(result);
            if (result.Failed) break;
        }
        return results;
    }

    private static async Task<CellResult> ExecuteCellAsync(Kernel kernel, List<Exception> thrown, InteractiveDocumentElement element, int number,
        TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var kernelName = string.IsNullOrEmpty(element.KernelName) ? "csharp" : element.KernelName;
        if (kernel.FindKernelByName(kernelName) is null)
            return new CellResult(number, kernelName, element.Contents, [], $"unknown kernel '{kernelName}': this runner has csharp only", clock.Elapsed);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        // Events of nested commands (the cells of a #!import-ed file) reach the kernel's event stream but not the
        // command's result, so every event published while the cell runs is collected: a failing import fails the cell.
        var published = new List<KernelEvent>();
        lock (thrown) thrown.Clear();
        IReadOnlyList<KernelEvent> resultEvents = [];
        using (kernel.KernelEvents.Subscribe(e => { lock (published) published.Add(e); }))
        {
            try
            {
                resultEvents = (await kernel.SendAsync(new SubmitCode(element.Contents, kernelName), deadline.Token)).Events;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                // The kernel gives up on the command by throwing; the outputs the cell published so far are kept below.
            }
        }
        List<KernelEvent> events;
        lock (published) events = [.. published.Concat(resultEvents.Except(published, ReferenceEqualityComparer.Instance).Cast<KernelEvent>())];
        List<Exception> thrownInCell;
        lock (thrown) thrownInCell = [.. thrown];
        var (outputs, error) = CellOutputs.From(events, thrownInCell);
        // The kernel reports a cancelled command as failed ("Command cancelled."): say why it was cancelled instead.
        if (cancel.IsCancellationRequested) error = "cancelled";
        else if (deadline.IsCancellationRequested) error = $"timed out after {timeout.TotalSeconds:F0} s";
        return new CellResult(number, kernelName, element.Contents, outputs, error, clock.Elapsed);
    }

    /// <summary>
    /// A composite kernel around a C# kernel that adds to <paramref name="thrown"/> every exception a submission throws
    /// at run time. The <c>#!import</c> magic drops the failure of a cell it runs from the imported file (no
    /// <see cref="CommandFailed"/> reaches any event stream, unlike a compile error), so each submission's script state
    /// is checked after it ran.
    /// </summary>
    private static CompositeKernel CreateKernel(List<Exception> thrown)
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.AddMiddleware(async (command, context, next) =>
        {
            var before = csharp.ScriptState;
            await next(command, context);
            if (!ReferenceEquals(before, csharp.ScriptState) && csharp.ScriptState?.Exception is { } e)
                lock (thrown) thrown.Add(e);
        });
        var composite = new CompositeKernel { csharp }.UseImportMagicCommand();
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    private static bool IsMarkdown(InteractiveDocumentElement element) =>
        string.Equals(element.KernelName, "markdown", StringComparison.OrdinalIgnoreCase);

    private static void Save(string path, InteractiveDocument document, List<CellResult> cells)
    {
        foreach (var cell in cells)
        {
            var element = document.Elements[cell.Number - 1];
            element.Outputs.Clear();
            foreach (var output in cell.Outputs) element.Outputs.Add(output);
        }
        using var written = new MemoryStream();
        Notebook.Write(document, written, KernelInfos);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonMimeOutputs.Embed(new UTF8Encoding(false).GetString(written.ToArray())), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}

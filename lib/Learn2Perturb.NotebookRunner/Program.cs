using Learn2Perturb.NotebookRunner;

// l2p-notebook run [--profile smoke|quick|medium|paper] [--save] [--charts png|html] [--cell-timeout MINUTES|none] NOTEBOOK.ipynb...
// Executes each notebook headlessly; exits 1 naming the notebook, the cell and its error at the first failure.
const string Usage = "usage: l2p-notebook run [--profile smoke|quick|medium|paper] [--save] [--charts png|html] [--cell-timeout MINUTES|none] NOTEBOOK.ipynb...";
if (args.Length == 0 || args[0] != "run") return Fail(Usage);

string profile = "smoke", charts = "png";
string? cellTimeout = null; // default: the profile's (30 minutes on smoke, none otherwise)
bool save = false;
var notebooks = new List<string>();
for (int i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--profile" when i + 1 < args.Length: profile = args[++i]; break;
        case "--charts" when i + 1 < args.Length: charts = args[++i]; break;
        case "--cell-timeout" when i + 1 < args.Length: cellTimeout = args[++i]; break;
        case "--save": save = true; break;
        case var a when a.StartsWith("--", StringComparison.Ordinal): return Fail($"unknown or incomplete option '{a}'\n{Usage}");
        case var a: notebooks.Add(a); break;
    }
}
if (profile is not ("smoke" or "quick" or "medium" or "paper")) return Fail($"--profile: unknown profile '{profile}': expected smoke, quick, medium or paper");
if (charts is not ("png" or "html")) return Fail($"--charts: unknown chart mode '{charts}': expected png or html");
if (notebooks.Count == 0) return Fail($"no notebook given\n{Usage}");

var options = NotebookRunOptions.Headless(profile, save);
if (cellTimeout is not null)
{
    if (cellTimeout == "none") options = options with { CellTimeout = Timeout.InfiniteTimeSpan };
    else if (double.TryParse(cellTimeout, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
        options = options with { CellTimeout = TimeSpan.FromMinutes(minutes) };
    else return Fail($"--cell-timeout: '{cellTimeout}' is not a positive number of minutes or 'none'");
}
var environment = new Dictionary<string, string>(options.Environment!) { ["L2P_NOTEBOOK_CHARTS"] = charts };
foreach (var path in notebooks)
{
    try
    {
        var run = await NotebookRunner.RunAsync(path, options with { Environment = environment });
        foreach (var cell in run.Cells) Console.WriteLine($"  {cell} ({cell.Elapsed.TotalSeconds:F1} s)");
        if (run.FirstFailure is not null) return Fail(new NotebookExecutionException(run.Path, run.FirstFailure).Message);
        Console.WriteLine($"{Path.GetFileName(path)}: {run.Cells.Count} code cells ok in {run.Elapsed.TotalSeconds:F1} s{(save ? ", outputs saved" : "")}");
    }
    catch (Exception e) when (e is FileNotFoundException or ArgumentException)
    {
        return Fail(e.Message);
    }
}
return 0;

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 1;
}

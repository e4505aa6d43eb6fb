using System.CommandLine;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Cluster;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;
using Spectre.Console;
using Profile = Learn2Perturb.Experiments.Profile;

namespace Learn2Perturb.Cli.Commands;

/// <summary>
/// <c>l2p cluster plan|submit|status</c>: the catalogue's experiments as Slurm job arrays on a run store that the
/// cluster's nodes share (see <see cref="ClusterPlan"/>, <see cref="ClusterSubmitter"/>, <see cref="ClusterStatus"/>).
/// </summary>
internal static class ClusterCommand
{
    /// <summary>The exit code of <c>status</c> when an experiment has failed.</summary>
    public const int SomeFailed = 3;

    public static Command Create() => new("cluster", "Run experiments as Slurm job arrays on a shared run store") { Plan(), Submit(), Status() };

    private static Argument<string[]> Experiments() => new("experiments")
    {
        Description = "Experiment names or prefixes (table1, figure5/cifar100/pgd), or config files NAME.json",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Command Plan()
    {
        var (experiments, profile, runs, json) = (Experiments(), ExperimentOptions.Profile(), ExperimentOptions.Runs(), CommonOptions.Json());
        var command = new Command("plan", "The unique trainings and evaluations of the experiments, with their dependencies") { experiments, profile, runs, json };
        command.SetAction(parse =>
        {
            var store = ExperimentOptions.Store(parse.GetValue(runs));
            var plan = Build(parse.GetValue(experiments)!, Profiles.Parse(parse.GetValue(profile)!));
            Print(plan, ClusterPlan.DirectoryIn(store.Root, plan.Id));
            if (parse.GetValue(json)) Json.WriteLastLine(new { plan, directory = ClusterPlan.DirectoryIn(store.Root, plan.Id) });
            return 0;
        });
        return command;
    }

    private static Command Submit()
    {
        var (experiments, profile, runs, json) = (Experiments(), ExperimentOptions.Profile(), ExperimentOptions.Runs(), CommonOptions.Json());
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's)" };
        var account = new Option<string?>("--account") { Description = "Slurm account (default: yours)" };
        var time = new Option<string?>("--time") { Description = "Time limit per job, Slurm format (default: paper 1-00:00:00, quick 04:00:00, smoke 00:30:00); a training continues in the requeued job" };
        var gpus = new Option<int?>("--gpus-per-job") { Description = "GPUs per job (default: 1 on paper, 0 otherwise)" };
        var cpus = new Option<int?>("--cpus-per-job") { Description = "CPUs per job, also libtorch's thread count (default: 8 on paper, 1 otherwise)" };
        var mem = new Option<string?>("--mem") { Description = "Memory per job, Slurm format (default: paper 32G, quick 4G, smoke 2G)" };
        var l2p = new Option<string?>("--l2p") { Description = "Shell command that runs l2p on the compute nodes (default: this l2p, which must be on the shared filesystem)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the scripts and the Slurm commands; write and submit nothing" };
        var command = new Command("submit", "Write the plan's sbatch scripts into <runs>/cluster/<plan id>/ and submit them")
        {
            experiments, profile, runs, partition, account, time, gpus, cpus, mem, l2p, dryRun, json,
        };
        command.SetAction(parse =>
        {
            var p = Profiles.Parse(parse.GetValue(profile)!);
            var store = ExperimentOptions.Store(parse.GetValue(runs));
            var defaults = SlurmOptions.For(p);
            var options = new SlurmOptions(parse.GetValue(partition), parse.GetValue(account), parse.GetValue(time) ?? defaults.Time,
                parse.GetValue(gpus) ?? defaults.GpusPerJob, parse.GetValue(cpus) ?? defaults.CpusPerJob, parse.GetValue(mem) ?? defaults.Memory);
            options.Validate();
            var plan = Build(parse.GetValue(experiments)!, p);
            var directory = ClusterPlan.DirectoryIn(store.Root, plan.Id);
            var self = parse.GetValue(l2p) ?? ThisL2p();
            if (parse.GetValue(dryRun))
            {
                Console.WriteLine($"# {directory}/{SbatchScripts.TrainingFile}");
                Console.Write(SbatchScripts.Training(plan, directory, store.Root, options, self));
                Console.WriteLine($"\n# {directory}/{SbatchScripts.EvaluationFile}");
                Console.Write(SbatchScripts.Evaluation(plan, directory, store.Root, options, self));
                Console.WriteLine("\n# submitted with (dry run: nothing was written or submitted)");
                // The job ids are shell variables here: words holding ${…} stay unquoted so the shell fills them in.
                var commands = ClusterSubmitter.Commands(plan, directory)
                    .Select(c => string.Join(' ', c.Select(w => w.Contains("${", StringComparison.Ordinal) ? w : SbatchScripts.Quote(w)))).ToList();
                Console.WriteLine($"TRAIN_JOB=$({commands[0]})");
                Console.WriteLine($"EVAL_JOB=$({commands[1]})");
                foreach (var c in commands.Skip(2)) Console.WriteLine(c);
                if (parse.GetValue(json)) Json.WriteLastLine(new { plan_id = plan.Id, directory, dry_run = true, commands });
                return 0;
            }
            var jobs = ClusterSubmitter.Submit(plan, directory, store.Root, options, self);
            Console.WriteLine($"plan {plan.Id}: {plan.Trainings.Count} trainings as job array {jobs.TrainingJob}, {plan.Evaluations.Count} evaluations as job array {jobs.EvaluationJob} " +
                              $"({directory}); follow it with `l2p cluster status {plan.Id} --runs {store.Root}`");
            if (parse.GetValue(json)) Json.WriteLastLine(new { plan_id = plan.Id, directory, training_job = jobs.TrainingJob, evaluation_job = jobs.EvaluationJob });
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var which = new Argument<string>("plan") { Description = "A plan id (or its start) or an experiment prefix (default: the newest plan)", DefaultValueFactory = _ => "" };
        var (runs, json) = (ExperimentOptions.Runs(), CommonOptions.Json());
        var command = new Command("status", $"Per experiment: pending, training (epoch k of n), trained, evaluating, evaluated or failed (exit {SomeFailed} if any failed)")
        {
            which, runs, json,
        };
        command.SetAction(parse =>
        {
            var store = ExperimentOptions.Store(parse.GetValue(runs));
            var rows = Select(store.Root, parse.GetValue(which) ?? "");
            var table = new Table();
            foreach (var c in new[] { "experiment", "state", "detail", "run", "slurm task" }) table.AddColumn(c);
            foreach (var (plan, s) in rows) table.AddTextRow(s.Experiment, s.State, s.Detail ?? "", s.RunId, s.Task ?? "");
            AnsiConsole.Write(table);
            foreach (var (_, s) in rows.Where(r => r.Status.State == "failed"))
            {
                AnsiConsole.WriteLine($"{s.Experiment} failed ({s.Detail}); last log lines:");
                foreach (var line in s.LogTail) AnsiConsole.WriteLine("  " + line);
            }
            var counts = rows.GroupBy(r => r.Status.State).ToDictionary(g => g.Key, g => g.Count());
            AnsiConsole.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Value} {kv.Key}")));
            if (parse.GetValue(json))
                Json.WriteLastLine(new { plans = rows.Select(r => r.Plan).Distinct(), counts, experiments = rows.Select(r => r.Status) });
            return counts.ContainsKey("failed") ? SomeFailed : 0;
        });
        return command;
    }

    private static void Print(ClusterPlan plan, string directory)
    {
        AnsiConsole.WriteLine($"plan {plan.Id} ({plan.Profile} profile): {plan.Trainings.Count} unique trainings, {plan.Evaluations.Count} unique evaluations " +
                              $"for {plan.ExperimentNames.Count()} experiments; submitted into {directory}");
        var trainings = new Table().Title("trainings (one array task each)");
        foreach (var c in new[] { "task", "run", "data", "model", "defence", "epochs", "after", "experiments" }) trainings.AddColumn(c);
        foreach (var t in plan.Trainings)
            trainings.AddTextRow($"{t.Index}", t.RunId, t.Dataset, t.Model, t.Defense, $"{t.Epochs}", string.Join(" ", t.After), Names(t.Experiments, t.Argument));
        AnsiConsole.Write(trainings);
        var evaluations = new Table().Title("evaluations (afterok on the trainings listed)");
        foreach (var c in new[] { "task", "run", "result", "after", "experiments" }) evaluations.AddColumn(c);
        foreach (var e in plan.Evaluations) evaluations.AddTextRow($"{e.Index}", e.RunId, e.ResultKey, string.Join(" ", e.After), Names(e.Experiments, e.Argument));
        AnsiConsole.Write(evaluations);
    }

    private static string Names(IReadOnlyList<string> experiments, string argument) =>
        experiments.Count == 0 ? argument : string.Join(", ", experiments.Take(3)) + (experiments.Count > 3 ? $" … ({experiments.Count})" : "");

    private static ClusterPlan Build(IEnumerable<string> arguments, Profile profile)
    {
        var configs = arguments.SelectMany(a => a.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? [ExperimentOptions.Resolve(a, profile)] : ExperimentCatalog.Configs(a, profile)).ToList();
        return ClusterPlan.Build(configs, profile);
    }

    /// <summary>
    /// The statuses to show: a plan named by its id (or a unique start of it), or every experiment under a prefix
    /// taken from the newest plan that holds it; no argument shows the newest plan.
    /// </summary>
    private static List<(string Plan, ExperimentStatus Status)> Select(string runsRoot, string which)
    {
        var folder = Path.Combine(runsRoot, ClusterPlan.StoreFolder);
        var plans = (Directory.Exists(folder) ? Directory.GetDirectories(folder) : [])
            .Where(d => File.Exists(Path.Combine(d, ClusterPlan.FileName)))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, ClusterPlan.FileName))).ToList();
        if (plans.Count == 0) throw new ArgumentException($"no cluster plans in {folder}: submit one with `l2p cluster submit <experiments> --runs {runsRoot}`");
        var byId = plans.Where(d => which.Length > 0 && Path.GetFileName(d).StartsWith(which, StringComparison.OrdinalIgnoreCase)).ToList();
        if (which.Length == 0 || byId.Count == 1)
        {
            var directory = which.Length == 0 ? plans[0] : byId[0];
            var plan = ClusterPlan.Read(directory);
            return [.. ClusterStatus.Of(plan, directory, runsRoot).Select(s => (plan.Id, s))];
        }
        var seen = new HashSet<string>();
        var rows = new List<(string, ExperimentStatus)>();
        foreach (var directory in plans)
        {
            var plan = ClusterPlan.Read(directory);
            var wanted = plan.ExperimentNames.Where(n => Under(n, which) && !seen.Contains(n)).ToHashSet();
            if (wanted.Count == 0) continue;
            rows.AddRange(ClusterStatus.Of(plan, directory, runsRoot).Where(s => wanted.Contains(s.Experiment)).Select(s => (plan.Id, s)));
            seen.UnionWith(wanted);
        }
        return rows.Count > 0 ? rows
            : throw new ArgumentException($"'{which}' is neither a plan id ({string.Join(", ", plans.Select(Path.GetFileName))}) nor a prefix of a planned experiment");
    }

    private static bool Under(string name, string prefix)
    {
        var p = prefix.Trim().Trim('/');
        return name == p || name.StartsWith(p + "/", StringComparison.Ordinal);
    }

    /// <summary>This l2p as a shell command: the apphost, or <c>dotnet l2p.dll</c> when run through dotnet.</summary>
    private static string ThisL2p()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(ClusterCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "l2p" ? SbatchScripts.Quote(process) : $"{SbatchScripts.Quote(process)} {SbatchScripts.Quote(dll)}";
    }
}

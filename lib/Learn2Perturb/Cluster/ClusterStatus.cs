using Learn2Perturb.Runs;

namespace Learn2Perturb.Cluster;

/// <summary>
/// The state of a plan's experiments, from the run store (epochs logged, checkpoint, stored results: the truth that
/// survives the queue), the scripts' failure files and logs, and Slurm (<c>squeue</c>, and <c>sacct</c> where the
/// cluster keeps accounting) for what is queued or running.
/// </summary>
public static class ClusterStatus
{
    /// <summary>How many of a failed task's last log lines a status shows.</summary>
    public const int TailLines = 8;

    private static readonly HashSet<string> FailedStates = ["FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "CANCELLED", "BOOT_FAIL", "DEADLINE"];

    public static IReadOnlyList<ExperimentStatus> Of(ClusterPlan plan, string directory, string runsRoot)
    {
        var jobs = ReadJobs(directory);
        var slurm = jobs is null ? new Dictionary<string, string>() : SlurmCommands.TaskStates([jobs.TrainingJob, jobs.EvaluationJob]);
        return [.. plan.Evaluations.SelectMany(e => e.Experiments.Select(name => Of(plan, e, name, directory, runsRoot, jobs, slurm)))];
    }

    /// <summary>The submitted jobs of the plan in <paramref name="directory"/>, or null when it was only planned.</summary>
    public static SubmittedJobs? ReadJobs(string directory)
    {
        var path = Path.Combine(directory, SubmittedJobs.FileName);
        return File.Exists(path) ? RunJson.ReadFile<SubmittedJobs>(path, "submitted jobs") : null;
    }

    private static ExperimentStatus Of(ClusterPlan plan, PlannedEvaluation e, string name, string directory, string runsRoot,
        SubmittedJobs? jobs, IReadOnlyDictionary<string, string> slurm)
    {
        var t = plan.Trainings[e.After[0]];
        int logged = EpochsLogged(Path.Combine(runsRoot, t.RunId));
        bool trained = logged >= t.Epochs && File.Exists(Path.Combine(runsRoot, t.RunId, "checkpoint.bin"));
        string? trainTask = jobs is null ? null : $"{jobs.TrainingJob}_{t.Index}";
        string? evalTask = jobs is null ? null : $"{jobs.EvaluationJob}_{e.Index}";
        ExperimentStatus Status(string state, string? detail, string? task, IReadOnlyList<string>? tail = null) =>
            new(name, state, t.RunId, logged, t.Epochs, detail, task, tail ?? []);

        if (File.Exists(Path.Combine(runsRoot, e.RunId, "results", e.ResultKey + ".json"))) return Status("evaluated", null, null);
        if (Failure(directory, "eval", e.Index, evalTask, slurm) is { } evalFailure)
            return Status("failed", "evaluation: " + evalFailure, evalTask, Tail(directory, "eval", e.Index));
        foreach (var needed in e.After)
        {
            string? task = jobs is null ? null : $"{jobs.TrainingJob}_{needed}";
            if (Failure(directory, "train", needed, task, slurm) is { } trainFailure)
                return Status("failed", $"training {plan.Trainings[needed].Argument}: {trainFailure}", task, Tail(directory, "train", needed));
        }
        if (trained) return State(evalTask, slurm) == "RUNNING" ? Status("evaluating", null, evalTask) : Status("trained", null, evalTask);
        if (logged > 0 || State(trainTask, slurm) == "RUNNING") return Status("training", $"epoch {logged + 1} of {t.Epochs}", trainTask);
        return Status("pending", State(trainTask, slurm)?.ToLowerInvariant(), trainTask);
    }

    /// <summary>Why a task failed: the exit code its script recorded, or the Slurm state that ended it; null when it has not failed.</summary>
    private static string? Failure(string directory, string kind, int index, string? task, IReadOnlyDictionary<string, string> slurm)
    {
        var marker = Path.Combine(directory, "failed", $"{kind}-{index}");
        if (File.Exists(marker)) return File.ReadAllText(marker).Trim();
        return State(task, slurm) is { } state && FailedStates.Contains(state) ? $"Slurm state {state}" : null;
    }

    private static string? State(string? task, IReadOnlyDictionary<string, string> slurm) =>
        task is not null && slurm.TryGetValue(task, out var state) ? state : null;

    private static IReadOnlyList<string> Tail(string directory, string kind, int index)
    {
        var log = Path.Combine(directory, "logs", $"{kind}-{index}.log");
        return File.Exists(log) ? [.. File.ReadLines(log).Where(l => l.Trim().Length > 0).TakeLast(TailLines)] : [];
    }

    /// <summary>Complete lines of the run's <c>metrics.jsonl</c> (one per finished epoch).</summary>
    private static int EpochsLogged(string runDirectory)
    {
        var path = Path.Combine(runDirectory, "metrics.jsonl");
        if (!File.Exists(path)) return 0;
        var text = File.ReadAllText(path);
        return text.Count(c => c == '\n');
    }
}

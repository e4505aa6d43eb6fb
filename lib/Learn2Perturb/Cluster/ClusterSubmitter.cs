using Learn2Perturb.Runs;

namespace Learn2Perturb.Cluster;

/// <summary>
/// Puts a plan on Slurm: both arrays are submitted held, each task that needs trainings gets an <c>afterok</c>
/// dependency on exactly those training tasks (<c>scontrol update JobId=&lt;array&gt;_&lt;task&gt;</c>, which Slurm
/// supports per array task), then both are released. Holding first means no task can start before its dependency is set.
/// </summary>
public static class ClusterSubmitter
{
    public const string TrainingJob = "${TRAIN_JOB}";

    public const string EvaluationJob = "${EVAL_JOB}";

    /// <summary>Writes the plan, its config files and both scripts into <paramref name="directory"/>.</summary>
    public static void Write(ClusterPlan plan, string directory, string runsRoot, SlurmOptions options, string l2p)
    {
        plan.WriteTo(directory);
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        AtomicFile.WriteAllText(Path.Combine(directory, SbatchScripts.TrainingFile), SbatchScripts.Training(plan, directory, runsRoot, options, l2p));
        AtomicFile.WriteAllText(Path.Combine(directory, SbatchScripts.EvaluationFile), SbatchScripts.Evaluation(plan, directory, runsRoot, options, l2p));
    }

    /// <summary>The command lines <see cref="Submit"/> runs, with the job ids sbatch returns as <c>${TRAIN_JOB}</c> and <c>${EVAL_JOB}</c>.</summary>
    public static IReadOnlyList<string[]> Commands(ClusterPlan plan, string directory, string trainingJob = TrainingJob, string evaluationJob = EvaluationJob)
    {
        var commands = new List<string[]>
        {
            new[] { "sbatch", "--parsable", "--hold", Path.Combine(directory, SbatchScripts.TrainingFile) },
            new[] { "sbatch", "--parsable", "--hold", Path.Combine(directory, SbatchScripts.EvaluationFile) },
        };
        foreach (var t in plan.Trainings.Where(t => t.After.Count > 0))
            commands.Add(Dependency($"{trainingJob}_{t.Index}", trainingJob, t.After));
        foreach (var e in plan.Evaluations)
            commands.Add(Dependency($"{evaluationJob}_{e.Index}", trainingJob, e.After));
        commands.Add(["scontrol", "release", trainingJob]);
        commands.Add(["scontrol", "release", evaluationJob]);
        return commands;
    }

    /// <summary>Writes the plan's folder and submits it; the job ids are stored in <c>jobs.json</c> beside the scripts.</summary>
    /// <exception cref="InvalidOperationException">A Slurm command failed (the message has its error output; jobs already
    /// submitted are cancelled), or the same plan still has tasks in the queue: two would train the same runs.</exception>
    public static SubmittedJobs Submit(ClusterPlan plan, string directory, string runsRoot, SlurmOptions options, string l2p)
    {
        options.Validate();
        if (directory.Any(char.IsWhiteSpace))
            throw new ArgumentException($"the plan's folder {directory} has white space, which #SBATCH lines cannot quote: use a run store path without it");
        if (ClusterStatus.ReadJobs(directory) is { } earlier && SlurmCommands.TaskStates([earlier.TrainingJob, earlier.EvaluationJob]).Values.Any(Queued))
            throw new InvalidOperationException($"plan {plan.Id} is already submitted as jobs {earlier.TrainingJob} and {earlier.EvaluationJob}, which still have tasks " +
                                                $"in the queue: follow them with `l2p cluster status {plan.Id}`, or cancel them (scancel {earlier.TrainingJob} {earlier.EvaluationJob}) first");
        Write(plan, directory, runsRoot, options, l2p);
        var commands = Commands(plan, directory);
        string training = SlurmCommands.Run(commands[0][0], commands[0][1..]).Trim().Split(';')[0];
        string evaluation;
        try { evaluation = SlurmCommands.Run(commands[1][0], commands[1][1..]).Trim().Split(';')[0]; }
        catch (InvalidOperationException) { SlurmCommands.TryRun("scancel", training); throw; }
        try
        {
            foreach (var c in Commands(plan, directory, training, evaluation).Skip(2)) SlurmCommands.Run(c[0], c[1..]);
        }
        catch (InvalidOperationException)
        {
            SlurmCommands.TryRun("scancel", training, evaluation); // a half-wired plan must not run without its dependencies
            throw;
        }
        var jobs = new SubmittedJobs(plan.Id, training, evaluation, DateTimeOffset.UtcNow);
        AtomicFile.WriteAllText(Path.Combine(directory, SubmittedJobs.FileName), RunJson.Serialize(jobs, indented: true));
        return jobs;
    }

    private static bool Queued(string state) => state is "PENDING" or "RUNNING" or "REQUEUED" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "RESIZING" or "REQUEUE_HOLD" or "REQUEUE_FED";

    private static string[] Dependency(string task, string trainingJob, IReadOnlyList<int> after) =>
        ["scontrol", "update", $"JobId={task}", "Dependency=afterok:" + string.Join(':', after.Select(i => $"{trainingJob}_{i}"))];
}

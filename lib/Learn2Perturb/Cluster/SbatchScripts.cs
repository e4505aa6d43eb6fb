using System.Text;

namespace Learn2Perturb.Cluster;

/// <summary>
/// The two batch scripts of a plan: a job array of trainings and one of evaluations. Each task runs the workbook's own
/// <c>l2p train</c> or <c>l2p eval</c> as a job step (so <c>scancel --signal=TERM</c> and <c>--signal</c> reach it) with
/// threads from its CPU allocation and <c>L2P_DEVICE</c> from its GPU allocation, on the shared run store.
/// </summary>
/// <remarks>
/// A task stopped by SIGTERM (time limit near, preemption) exits 130 after its current batch; a training keeps the last
/// finished epoch's checkpoint (the partial epoch is trained again: checkpointing mid-epoch would also have to save the
/// shuffle order's position, and an epoch is short next to a time limit). The script then requeues the task, which
/// resumes bit-identically. Any other non-zero exit leaves <c>failed/&lt;kind&gt;-&lt;index&gt;</c> for
/// <c>l2p cluster status</c>.
/// </remarks>
public static class SbatchScripts
{
    public const string TrainingFile = "train.sbatch";

    public const string EvaluationFile = "eval.sbatch";

    /// <param name="l2p">The shell command that runs l2p on the compute nodes (e.g. <c>dotnet /shared/l2p/l2p.dll</c>).</param>
    public static string Training(ClusterPlan plan, string directory, string runsRoot, SlurmOptions options, string l2p) =>
        Script(plan, "train", directory, runsRoot, options, l2p, [.. plan.Trainings.Select(t => (t.Argument, $"run {t.RunId}, {t.Epochs} epochs"))]);

    public static string Evaluation(ClusterPlan plan, string directory, string runsRoot, SlurmOptions options, string l2p) =>
        Script(plan, "eval", directory, runsRoot, options, l2p, [.. plan.Evaluations.Select(e => (e.Argument, $"run {e.RunId}, {e.ResultKey}"))]);

    private static string Script(ClusterPlan plan, string kind, string directory, string runsRoot, SlurmOptions options, string l2p,
        IReadOnlyList<(string Argument, string Note)> tasks)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"# Learn2Perturb cluster plan {plan.Id} ({plan.Profile} profile): {tasks.Count} {(kind == "train" ? "trainings" : "evaluations")}, one array task each.\n");
        s.Append("# Written by `l2p cluster submit`; `l2p cluster status` reads the store and the files beside this one.\n");
        s.Append($"#SBATCH --job-name=l2p-{kind}-{plan.Id}\n");
        s.Append($"#SBATCH --array=0-{tasks.Count - 1}\n");
        if (options.Partition is { } p) s.Append($"#SBATCH --partition={p}\n");
        if (options.Account is { } a) s.Append($"#SBATCH --account={a}\n");
        s.Append($"#SBATCH --time={options.Time}\n");
        s.Append("#SBATCH --ntasks=1\n");
        s.Append($"#SBATCH --cpus-per-task={options.CpusPerJob}\n");
        if (options.GpusPerJob > 0) s.Append($"#SBATCH --gpus={options.GpusPerJob}\n");
        s.Append($"#SBATCH --mem={options.Memory}\n");
        s.Append($"#SBATCH --signal=TERM@{options.SignalLeadSeconds}\n");
        s.Append("#SBATCH --requeue\n");
        s.Append("#SBATCH --open-mode=append\n");
        s.Append($"#SBATCH --output={directory}/logs/{kind}-%a.log\n");
        s.Append("set -u\n");
        s.Append($"plan={Quote(directory)}\n");
        s.Append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        for (int i = 0; i < tasks.Count; i++)
        {
            var arg = tasks[i].Argument.StartsWith("configs/", StringComparison.Ordinal) ? $"\"$plan\"/{Quote(tasks[i].Argument)}" : Quote(tasks[i].Argument);
            s.Append($"  {i}) experiment={arg} ;; # {tasks[i].Note}\n");
        }
        s.Append("  *) echo \"no task $SLURM_ARRAY_TASK_ID in this plan\" >&2; exit 2 ;;\n");
        s.Append("esac\n");
        s.Append("threads=${SLURM_CPUS_PER_TASK:-1}\n");
        s.Append("export OMP_NUM_THREADS=$threads L2P_THREADS=$threads\n");
        s.Append("if [ -n \"${CUDA_VISIBLE_DEVICES:-}\" ]; then export L2P_DEVICE=cuda; else export L2P_DEVICE=cpu; fi\n");
        s.Append($"export L2P_RUNS={Quote(runsRoot)}\n");
        s.Append($"failed=\"$plan/failed/{kind}-$SLURM_ARRAY_TASK_ID\"\n");
        s.Append("rm -f \"$failed\"\n");
        s.Append($"echo \"== $(date -u +%FT%TZ) {kind} $experiment on $(hostname), job $SLURM_JOB_ID, restart ${{SLURM_RESTART_COUNT:-0}}, $threads thread(s), device $L2P_DEVICE\"\n");
        s.Append($"srun --ntasks=1 --cpus-per-task=\"$threads\" {l2p} {kind} \"$experiment\" --profile {plan.Profile} --runs \"$L2P_RUNS\" --threads \"$threads\"\n");
        s.Append("rc=$?\n");
        s.Append("if [ \"$rc\" = 130 ] || [ \"$rc\" = 143 ]; then\n");
        s.Append($"  echo \"== $(date -u +%FT%TZ) stopped by a signal (exit $rc): requeued, {(kind == "train" ? "resumes from the last finished epoch" : "evaluates again from the start")}\"\n");
        s.Append("  scontrol requeue \"$SLURM_JOB_ID\" && exit 0\n");
        s.Append("  echo \"== requeue failed\"\n");
        s.Append("fi\n");
        s.Append("if [ \"$rc\" != 0 ]; then mkdir -p \"$plan/failed\"; echo \"exit code $rc\" > \"$failed\"; fi\n");
        s.Append("exit \"$rc\"\n");
        return s.ToString();
    }

    /// <summary>One bash word: single-quoted unless it is plain (letters, digits, <c>/._-</c>).</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '=')
            ? word : "'" + word.Replace("'", "'\\''") + "'";
}

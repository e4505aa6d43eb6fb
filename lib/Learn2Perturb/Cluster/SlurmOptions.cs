using Learn2Perturb.Experiments;

namespace Learn2Perturb.Cluster;

/// <summary>
/// What each array task asks Slurm for. The defaults follow the profile: the paper profile one GPU, 8 CPUs and a day
/// per job (a 350-epoch training continues over as many requeued jobs as it needs); smoke and quick a CPU each.
/// </summary>
/// <param name="Partition">Left to the cluster's default when null.</param>
/// <param name="Account">Left to the user's default when null.</param>
/// <param name="Time">The time limit per job, in Slurm's format (<c>1-00:00:00</c>, <c>90</c> minutes).</param>
/// <param name="Memory">Memory per job in Slurm's format (<c>32G</c>).</param>
public sealed record SlurmOptions(string? Partition, string? Account, string Time, int GpusPerJob, int CpusPerJob, string Memory)
{
    public static SlurmOptions For(Profile profile) => profile switch
    {
        Profile.Paper => new SlurmOptions(null, null, "1-00:00:00", 1, 8, "32G"),
        Profile.Quick or Profile.Medium => new SlurmOptions(null, null, "04:00:00", 0, 1, "4G"),
        _ => new SlurmOptions(null, null, "00:30:00", 0, 1, "2G"),
    };

    /// <summary>
    /// How long before the time limit Slurm sends SIGTERM (<c>--signal=TERM@…</c>): the task then stops after its current
    /// batch, keeps the last finished epoch's checkpoint and is requeued. A tenth of the limit, between 1 and 10 minutes.
    /// </summary>
    public int SignalLeadSeconds => (int)Math.Clamp(SlurmTime.Parse(Time).TotalSeconds / 10, 60, 600);

    /// <exception cref="ArgumentException">Names the option that is out of range.</exception>
    public void Validate()
    {
        if (SlurmTime.Parse(Time) < TimeSpan.FromMinutes(5)) throw new ArgumentException($"--time {Time} is under 5 minutes: a job needs time to start, train and stop before its limit");
        if (GpusPerJob < 0) throw new ArgumentException($"--gpus-per-job must be ≥ 0, not {GpusPerJob}");
        if (CpusPerJob < 1) throw new ArgumentException($"--cpus-per-job must be ≥ 1, not {CpusPerJob}");
        if (!System.Text.RegularExpressions.Regex.IsMatch(Memory, "^[0-9]+[KMGT]?$"))
            throw new ArgumentException($"--mem '{Memory}' is not Slurm's memory format: a number with an optional K, M, G or T suffix");
        foreach (var (name, value) in new[] { ("--partition", Partition), ("--account", Account) })
            if (value is not null && !System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z0-9_.,-]+$"))
                throw new ArgumentException($"{name} '{value}' must be letters, digits, '_', '.', ',' or '-'");
    }
}

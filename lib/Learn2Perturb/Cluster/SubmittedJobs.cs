namespace Learn2Perturb.Cluster;

/// <summary>The Slurm job ids of a submitted plan's two arrays (<c>jobs.json</c> in the plan's folder).</summary>
public sealed record SubmittedJobs(string PlanId, string TrainingJob, string EvaluationJob, DateTimeOffset Submitted)
{
    public const string FileName = "jobs.json";
}

namespace Learn2Perturb.Cluster;

/// <summary>
/// One unique evaluation of a plan (a run and an evaluation config; experiments that share both share the stored
/// result): one task of the evaluation job array.
/// </summary>
/// <param name="Index">The array task index.</param>
/// <param name="Argument">What the task passes to <c>l2p eval</c>: a catalogue name, or a config file in the plan's folder.</param>
/// <param name="ResultKey">The stored result's key in the run (<c>results/&lt;key&gt;.json</c>).</param>
/// <param name="After">The trainings it needs: its own model's and its transfer attacks' sources.</param>
public sealed record PlannedEvaluation(int Index, string RunId, string ResultKey, string Argument, IReadOnlyList<string> Experiments,
    IReadOnlyList<int> After);

using Learn2Perturb.Evaluation;

namespace Learn2Perturb.Experiments;

/// <summary>
/// A stored evaluation (<c>results/eval-&lt;hash&gt;.json</c> in the run): the measured report under the config that
/// produced it, the paper's numbers for the same cell (docs/architecture.md §1.8), and one report per minimal attack of the config.
/// </summary>
public sealed record EvaluationResult(string Experiment, string Profile, string RunId, string Model, string Defense,
    EvaluationConfig Config, RobustnessReport Report, PaperNumbers? Reported, string Device, DateTimeOffset Created,
    IReadOnlyList<MinimalAttackReport>? MinimalReports = null);

using System.Text.Json.Serialization;
using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Experiments;

/// <summary>How an experiment's trained model is evaluated (docs/method.md §5); its hash keys the stored result.</summary>
/// <param name="TestImages">The first N test images, or null for the whole split.</param>
/// <param name="Repeats">Repeated stochastic evaluations behind each mean ± std.</param>
/// <param name="Seed">Seeds the global generator before evaluating (noise draws, random starts).</param>
/// <param name="Minimal">Minimal-perturbation attacks (C&amp;W, few-pixel), each on its own number of test images.</param>
public sealed record EvaluationConfig(IReadOnlyList<AttackSpec> Attacks, int? TestImages, int Repeats, int BatchSize, long Seed,
    IReadOnlyList<MinimalAttackSpec>? Minimal = null)
{
    /// <summary>
    /// Noise during this evaluation in place of the defence's own (on): <see cref="NoiseMode.Off"/> evaluates a
    /// stochastic defence's trained model deterministically (docs/method.md §7). Null keeps the defence's and is left out
    /// of the JSON (<see cref="Runs.ConfigHash"/>'s stability rule).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoiseMode? TestTimeNoise { get; init; }

    public void Validate()
    {
        if (Attacks.Count == 0) throw new ArgumentException("an evaluation needs at least one attack", nameof(Attacks));
        if (Repeats < 1) throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, "repeats must be ≥ 1");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be ≥ 1");
        if (TestImages is < 1) throw new ArgumentOutOfRangeException(nameof(TestImages), TestImages, "test images must be ≥ 1 (or null for all)");
        foreach (var a in Attacks) a.Validate();
        var duplicate = Attacks.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"attack '{duplicate.Key}' is listed twice", nameof(Attacks));
        foreach (var m in Minimal ?? []) m.Create(); // validates kind and options
        if (TestTimeNoise is { } mode && !Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(TestTimeNoise), mode, "test-time noise must be on or off");
    }
}

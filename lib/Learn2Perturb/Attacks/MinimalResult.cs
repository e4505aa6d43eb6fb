using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// What a minimal attack found for a batch of N samples. <see cref="Adversarial"/> is x itself where nothing was
/// found. <see cref="Attempted"/> is false for samples the attack skipped (the few-pixel attack only attacks images
/// the model classifies correctly); they count neither as successes nor as failures. Distances are in the attack's
/// own measure (<see cref="DistanceMeasure"/>). A class, not a record: it holds a tensor (docs/architecture.md §3).
/// </summary>
public sealed class MinimalResult : IDisposable
{
    public MinimalResult(Tensor adversarial, bool[] success, double[] distance, bool[] attempted, string distanceMeasure)
    {
        int n = (int)adversarial.shape[0];
        if (success.Length != n || distance.Length != n || attempted.Length != n)
            throw new ArgumentException($"success, distance and attempted must each have one entry per sample ({n})");
        if (success.Where((s, i) => s && !attempted[i]).Any())
            throw new ArgumentException("a sample that was not attempted cannot be a success", nameof(success));
        Adversarial = adversarial;
        Success = success;
        Distance = distance;
        Attempted = attempted;
        DistanceMeasure = distanceMeasure;
    }

    /// <summary>Adversarial images [N,C,H,W] in the pixel box.</summary>
    public Tensor Adversarial { get; }

    public IReadOnlyList<bool> Success { get; }

    /// <summary>Per sample distance from x; NaN where the attack did not succeed.</summary>
    public IReadOnlyList<double> Distance { get; }

    public IReadOnlyList<bool> Attempted { get; }

    /// <summary>"L2" for C&amp;W, "pixels" for the few-pixel attack.</summary>
    public string DistanceMeasure { get; }

    public int AttemptedCount => Attempted.Count(a => a);

    public int SuccessCount => Success.Count(s => s);

    /// <summary>Successes among the attempted samples, in percent (NaN when none was attempted).</summary>
    public double SuccessRate => AttemptedCount == 0 ? double.NaN : 100.0 * SuccessCount / AttemptedCount;

    /// <summary>Mean distance over the successful samples (NaN when none succeeded).</summary>
    public double MeanDistance => SuccessCount == 0 ? double.NaN : Distance.Where((_, i) => Success[i]).Average();

    public void Dispose() => Adversarial.Dispose();
}

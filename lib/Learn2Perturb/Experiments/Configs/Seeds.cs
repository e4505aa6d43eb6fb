namespace Learn2Perturb.Experiments;

/// <summary>
/// Seeds as a dimension of every experiment: seed s trains with training seed base + s (initialisation, data order,
/// augmentation, training noise and the training attack's starts) and evaluates with evaluation seed base + s (test-time
/// noise, attack starts), so each seed is its own run and its own stored result. Seed 0 is the experiment unchanged:
/// the run ids and results stored before seeds existed are seed 0's.
/// </summary>
public static class Seeds
{
    /// <summary>How many seeds a profile's notebooks and commands run unless told: 3 on medium, 1 elsewhere.</summary>
    public static int DefaultCount(Profile profile) => profile == Profile.Medium ? 3 : 1;

    /// <summary>
    /// <paramref name="config"/> under seed <paramref name="seed"/>, named <c>NAME/seed=s</c> (seed 0 keeps the name and
    /// is the config itself).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative seed.</exception>
    public static ExperimentConfig With(ExperimentConfig config, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "a seed is a whole number ≥ 0");
        if (seed == 0) return config;
        var t = config.Training;
        return config with
        {
            Name = $"{config.Name}/seed={seed}",
            Training = t with { Options = t.Options with { Seed = t.Options.Seed + seed } },
            Evaluation = config.Evaluation with { Seed = config.Evaluation.Seed + seed },
        };
    }

    /// <summary>Seeds 0 … <paramref name="count"/> − 1 of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1.</exception>
    public static IReadOnlyList<ExperimentConfig> Of(ExperimentConfig config, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of seeds must be ≥ 1");
        return [.. Enumerable.Range(0, count).Select(s => With(config, s))];
    }
}

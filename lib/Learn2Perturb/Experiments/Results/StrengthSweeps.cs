using Learn2Perturb.Evaluation;

namespace Learn2Perturb.Experiments;

/// <summary>
/// Reads an attack-strength sweep (docs/method.md §7) out of a stored evaluation whose attacks of one kind differ in a single
/// parameter (<see cref="AdaptiveProfiles"/> builds such evaluations), and runs the sanity check that sweep stands for:
/// accuracy must fall towards 0 as ε grows; more steps, restarts or EOT draws must never help the defender. A sweep is
/// one stored evaluation, so a notebook reuses what any earlier run evaluated.
/// </summary>
public static class StrengthSweeps
{
    /// <summary>The parameter's name in reports and charts: epsilon, steps, restarts, eot-samples.</summary>
    public static string Name(StrengthParameter parameter) => parameter switch
    {
        StrengthParameter.Epsilon => "epsilon",
        StrengthParameter.Steps => "steps",
        StrengthParameter.Restarts => "restarts",
        StrengthParameter.EotSamples => "eot-samples",
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "expected epsilon, steps, restarts or eot-samples"),
    };

    /// <summary>
    /// The <paramref name="kind"/> attacks of <paramref name="result"/> as a sweep over <paramref name="parameter"/>,
    /// points by increasing value (ε as a fraction of the pixel range), with the sweep's sanity warnings.
    /// </summary>
    /// <exception cref="ArgumentException">The result ran no such attack, fewer than two values, or its attacks also differ in another field.</exception>
    public static SweepReport Of(EvaluationResult result, string kind, StrengthParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(result);
        var specs = result.Config.Attacks.Where(a => a.Kind == kind).ToList();
        string name = Name(parameter);
        if (specs.Count < 2)
            throw new ArgumentException($"'{result.Experiment}' holds {specs.Count} '{kind}' attack(s), not a sweep: expected at least two " +
                                        $"differing in {name}; it ran {string.Join(", ", result.Config.Attacks.Select(a => a.Name))}", nameof(kind));
        var odd = specs.FirstOrDefault(s => HeldFixed(s, parameter) != HeldFixed(specs[0], parameter));
        if (odd is not null)
            throw new ArgumentException($"'{result.Experiment}': {odd.Name} and {specs[0].Name} differ in more than {name}: not a sweep of {name}", nameof(parameter));
        if (specs.Select(s => Value(s, parameter)).Distinct().Count() != specs.Count)
            throw new ArgumentException($"'{result.Experiment}': two '{kind}' attacks share a value of {name}", nameof(parameter));
        var points = specs.OrderBy(s => Value(s, parameter)).Select(s => new SweepPoint(Value(s, parameter), s.Name, Measured(result, s))).ToList();
        double seconds = points.Sum(p => result.Report.AttackSeconds.TryGetValue(p.Attack, out var s) ? s : 0);
        return new SweepReport(name, points, result.Report.Clean, result.Report.Repeats, seconds) { Warnings = Check(parameter, points) };
    }

    /// <summary>Whether <paramref name="result"/> holds a sweep of <paramref name="parameter"/> for <paramref name="kind"/> (see <see cref="Of"/>).</summary>
    public static bool Holds(EvaluationResult result, string kind, StrengthParameter parameter)
    {
        var specs = result.Config.Attacks.Where(a => a.Kind == kind).ToList();
        return specs.Count >= 2 && specs.All(s => HeldFixed(s, parameter) == HeldFixed(specs[0], parameter))
               && specs.Select(s => Value(s, parameter)).Distinct().Count() == specs.Count;
    }

    /// <summary>
    /// Accuracy against the effort of an attack (steps, restarts, EOT draws; ascending): a stronger attack must not leave
    /// more samples correct, beyond the noise of a stochastic evaluation (<see cref="SanityChecks.Slack"/>).
    /// </summary>
    public static IReadOnlyList<SanityWarning> AccuracyAgainstEffort(IReadOnlyList<SweepPoint> points, string parameter)
    {
        var warnings = new List<SanityWarning>();
        for (int i = 1; i < points.Count; i++)
        {
            var (p0, p1) = (points[i - 1], points[i]);
            if (p1.Accuracy.Mean > p0.Accuracy.Mean + SanityChecks.Slack(p0.Accuracy, p1.Accuracy))
                warnings.Add(new(SanityCheck.MoreStepsHelpDefender, $"accuracy rose from {p0.Accuracy} at {parameter} = {p0.Value:G4} to {p1.Accuracy} " +
                                                                    $"at {parameter} = {p1.Value:G4}: a stronger attack cannot help the defender"));
        }
        return warnings;
    }

    /// <summary>
    /// <paramref name="config"/> with each of its <paramref name="parameter"/> sweeps re-run at <paramref name="values"/>:
    /// the attacks are grouped into families that differ only in that parameter (an EOT sweep holds EOT-FGSM and EOT-PGD
    /// families), and every family of two or more attacks is rebuilt from its first one with the parameter set to each
    /// value, in the order given. ε is given in units of 1/255 (8 is 8/255); a PGD step follows the workbook's rule
    /// (<see cref="Attacks.PgdOptions.StepFor"/>) when ε or the step count changes. A notebook's parameters cell lists the
    /// values; the profile's own values give back the catalog's config, so stored results are reused.
    /// </summary>
    /// <exception cref="ArgumentException">No values, a value the parameter cannot take (steps, restarts and draws are whole numbers ≥ 1; ε ≥ 0), or no sweep of it in the config.</exception>
    public static ExperimentConfig WithValues(ExperimentConfig config, StrengthParameter parameter, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(config);
        var list = (values ?? throw new ArgumentNullException(nameof(values))).ToList();
        if (list.Count == 0) throw new ArgumentException($"a {Name(parameter)} sweep needs at least one value", nameof(values));
        bool Valid(double v) => parameter == StrengthParameter.Epsilon ? v >= 0 && !double.IsInfinity(v) : v >= 1 && v == Math.Floor(v) && v <= int.MaxValue;
        if (list.Where(v => !Valid(v)).ToList() is [var bad, ..])
            throw new ArgumentException(parameter == StrengthParameter.Epsilon
                ? $"ε values are finite numbers ≥ 0 in units of 1/255, got {bad}"
                : $"{Name(parameter)} values are whole numbers ≥ 1, got {bad}", nameof(values));
        var families = config.Evaluation.Attacks.GroupBy(a => HeldFixed(a, parameter)).ToList();
        if (families.All(f => f.Count() < 2))
            throw new ArgumentException($"'{config.Name}' has no {Name(parameter)} sweep (no two attacks differ only in {Name(parameter)})", nameof(config));
        var attacks = families.SelectMany(f => f.Count() < 2 ? f : list.Select(v => Set(f.First(), parameter, v))).ToList();
        return config with { Evaluation = config.Evaluation with { Attacks = attacks } };
    }

    /// <summary>
    /// Every config of <paramref name="configs"/> that sweeps <paramref name="parameter"/>, re-run at
    /// <paramref name="values"/> (<see cref="WithValues(ExperimentConfig, StrengthParameter, IEnumerable{double})"/>); the
    /// others, and all of them when <paramref name="values"/> is null (a parameters cell's "the profile's own"), unchanged.
    /// </summary>
    public static IReadOnlyList<ExperimentConfig> WithValues(IReadOnlyList<ExperimentConfig> configs, StrengthParameter parameter, IEnumerable<double>? values)
    {
        ArgumentNullException.ThrowIfNull(configs);
        if (values is null) return configs;
        var list = values.ToList();
        bool Sweeps(ExperimentConfig c) => c.Evaluation.Attacks.GroupBy(a => HeldFixed(a, parameter)).Any(f => f.Count() >= 2);
        return [.. configs.Select(c => Sweeps(c) ? WithValues(c, parameter, list) : c)];
    }

    private static AttackSpec Set(AttackSpec spec, StrengthParameter parameter, double value)
    {
        var set = parameter switch
        {
            StrengthParameter.Epsilon => spec with { Epsilon = value / 255.0 },
            StrengthParameter.Steps => spec with { Steps = (int)value },
            StrengthParameter.Restarts => spec with { Restarts = (int)value },
            StrengthParameter.EotSamples => spec with { EotSamples = (int)value },
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "expected epsilon, steps, restarts or eot-samples"),
        };
        bool steppedPgd = set.Kind.StartsWith("pgd", StringComparison.Ordinal) && parameter is StrengthParameter.Epsilon or StrengthParameter.Steps;
        return steppedPgd ? set with { StepSize = Attacks.PgdOptions.StepFor(set.Epsilon, set.Steps) } : set;
    }

    private static IReadOnlyList<SanityWarning> Check(StrengthParameter parameter, IReadOnlyList<SweepPoint> points) => parameter switch
    {
        StrengthParameter.Epsilon => SanityChecks.AccuracyAgainstEpsilon([.. points.Select(p => (p.Value, p.Accuracy))]),
        _ => AccuracyAgainstEffort(points, Name(parameter)),
    };

    private static MeanStd Measured(EvaluationResult result, AttackSpec spec) =>
        result.Report.Attacks.TryGetValue(spec.Name, out var accuracy) ? accuracy
            : throw new ArgumentException($"'{result.Experiment}' lists {spec.Name} in its config but its report has no accuracy for it", nameof(result));

    private static double Value(AttackSpec spec, StrengthParameter parameter) => parameter switch
    {
        StrengthParameter.Epsilon => spec.Epsilon,
        StrengthParameter.Steps => spec.Steps,
        StrengthParameter.Restarts => spec.Restarts,
        StrengthParameter.EotSamples => spec.EotSamples,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "expected epsilon, steps, restarts or eot-samples"),
    };

    // The spec with the swept parameter blanked (and, for ε and steps, the step size that follows them): equal for every point of a sweep.
    private static AttackSpec HeldFixed(AttackSpec spec, StrengthParameter parameter) => parameter switch
    {
        StrengthParameter.Epsilon => spec with { Epsilon = 0, StepSize = 0 },
        StrengthParameter.Steps => spec with { Steps = 0, StepSize = 0 },
        StrengthParameter.Restarts => spec with { Restarts = 0 },
        StrengthParameter.EotSamples => spec with { EotSamples = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "expected epsilon, steps, restarts or eot-samples"),
    };
}

namespace Learn2Perturb.Experiments;

/// <summary>
/// Every experiment of the paper's tables and figures by name (docs/method.md §6), each one independent job a scheduler can
/// run: <c>table1/&lt;model&gt;/&lt;defence&gt;</c>, <c>table2/&lt;model&gt;/&lt;defence&gt;</c> and
/// <c>figure5/cifar100/&lt;fgsm|pgd&gt;/&lt;defence&gt;</c> (the CIFAR-100 ε sweeps of Figures 5–6),
/// <c>sweeps/cifar10/&lt;fgsm|pgd&gt;/&lt;defence&gt;</c> (their CIFAR-10 counterparts on V1(20), no paper numbers), and
/// <c>suite/resnet-v1-20/&lt;defence&gt;</c>: every defence of Tables 1–2 under the whole attack suite
/// (<see cref="ExperimentProfiles.SuiteEvaluation"/>), on the same trained models as the tables.
/// </summary>
/// <remarks>
/// Groups beyond the paper's tables (ablations, adaptive evaluation, …) live in files of their own,
/// <c>ExperimentCatalog.&lt;Group&gt;.cs</c>, each adding its entries to the list below.
/// </remarks>
public static partial class ExperimentCatalog
{
    /// <param name="Evaluation">The evaluation per profile, in place of <see cref="ExperimentProfiles.Evaluation"/> of <paramref name="Attacks"/>.</param>
    /// <param name="Variant">An ablation's change to the profile's training config (e.g. γ, θ0, the update scheme).</param>
    private sealed record Entry(string Name, string Dataset, string Model, string Defense, IReadOnlyList<AttackSpec> Attacks, PaperNumbers? Reported,
        Func<Profile, EvaluationConfig>? Evaluation = null, Func<Profile, TrainingConfig, TrainingConfig>? Variant = null);

    private static readonly Lazy<IReadOnlyList<Entry>> entries = new(() =>
        [.. Table1(), .. Table2(), .. Figure5(), .. Suite(), .. NoiseRegularisation(), .. TrainingScheme(), .. Eot(), .. Adaptive(), .. CarliniWagnerKappa(), .. BlackBox()]);

    public static IReadOnlyList<string> Names => [.. entries.Value.Select(e => e.Name)];

    /// <summary>The names equal to <paramref name="prefix"/> or below it (<c>table1</c>, <c>table1/resnet-v1-20</c>).</summary>
    public static IReadOnlyList<string> Matching(string prefix)
    {
        var p = prefix.Trim().Trim('/').ToLowerInvariant();
        return [.. Names.Where(n => p.Length == 0 || n == p || n.StartsWith(p + "/", StringComparison.Ordinal))];
    }

    /// <summary>Every experiment under <paramref name="prefix"/> (e.g. <c>table1</c>) as configs: a notebook's table, a sweep's jobs.</summary>
    /// <exception cref="ArgumentException">Nothing is under that prefix.</exception>
    public static IReadOnlyList<ExperimentConfig> Configs(string prefix, Profile profile)
    {
        var names = Matching(prefix);
        return names.Count > 0 ? [.. names.Select(n => Get(n, profile))]
            : throw new ArgumentException($"no experiment under '{prefix}': valid names are {Patterns()}");
    }

    /// <exception cref="ArgumentException">No experiment has that name; the message lists the names under it or all groups.</exception>
    public static ExperimentConfig Get(string name, Profile profile)
    {
        var key = name.Trim().Trim('/').ToLowerInvariant();
        var entry = entries.Value.FirstOrDefault(e => e.Name == key);
        if (entry is null)
        {
            var below = Matching(key);
            throw new ArgumentException(below.Count > 0
                ? $"'{name}' names {below.Count} experiments, not one: {string.Join(", ", below)}"
                : $"unknown experiment '{name}': valid names are {Patterns()} (list them with `l2p experiments`)");
        }
        var training = ExperimentProfiles.Training(profile, entry.Dataset, entry.Model, entry.Defense);
        return new ExperimentConfig(entry.Name, profile, entry.Model, entry.Variant?.Invoke(profile, training) ?? training,
            entry.Evaluation?.Invoke(profile) ?? ExperimentProfiles.Evaluation(profile, entry.Attacks), entry.Reported);
    }

    /// <summary>Every name in brace form, one pattern per table: <c>table1/{resnet-v1-20,…}/{none,…}</c>.</summary>
    public static string Patterns() => string.Join(", ", Names.GroupBy(n => n.Split('/')[0]).Select(group =>
    {
        var parts = group.Select(n => n.Split('/')).ToList();
        return string.Join("/", Enumerable.Range(0, parts[0].Length).Select(i =>
        {
            var values = parts.Select(p => p[i]).Distinct().ToList();
            return values.Count == 1 ? values[0] : "{" + string.Join(",", values) + "}";
        }));
    }));

    /// <summary>Table 1: no defence, vanilla adversarial training, L2P-R and L2P on V1(20), V1(56), V2(18).</summary>
    private static IEnumerable<Entry> Table1()
    {
        string[] defenses = ["none", "vanilla", "l2p-r", "l2p"];
        var rows = new (string Model, double[] Numbers)[]
        {
            ("resnet-v1-20", [92.1, 0.0, 14.1, 83.8, 39.1, 46.6, 81.15, 50.23, 55.89, 83.62, 51.13, 58.41]),
            ("resnet-v1-56", [93.3, 0.0, 24.2, 86.5, 40.1, 48.8, 82.35, 53.30, 58.71, 84.82, 54.84, 61.53]),
            ("resnet-v2-18", [95.2, 0.1, 43.1, 85.46, 43.9, 52.5, 82.46, 53.33, 59.09, 85.30, 56.06, 62.43]),
        };
        return Cells("table1", rows, defenses, _ => null);
    }

    /// <summary>Table 2: PNI, Adv-BNN and L2P across depth and width.</summary>
    private static IEnumerable<Entry> Table2()
    {
        string[] defenses = ["pni", "adv-bnn", "l2p"];
        var rows = new (string Model, double[] Numbers)[]
        {
            ("resnet-v1-20", [84.90, 45.90, 54.50, 65.76, 44.95, 51.58, 83.62, 51.13, 58.41]),
            ("resnet-v1-32", [85.90, 43.50, 51.50, 62.95, 54.62, 50.29, 84.19, 54.62, 59.94]),
            ("resnet-v1-44", [84.70, 48.50, 55.80, 76.87, 54.62, 58.55, 85.61, 54.62, 61.32]),
            ("resnet-v1-56", [86.80, 46.30, 53.90, 77.20, 54.62, 57.88, 84.82, 54.62, 61.53]),
            ("resnet-v1-20-1.5x", [86.00, 46.70, 54.50, 65.58, 28.07, 36.11, 85.40, 53.32, 61.10]),
            ("resnet-v1-20-2x", [86.20, 46.10, 54.60, 79.03, 53.46, 58.30, 85.89, 54.29, 61.61]),
            ("resnet-v1-20-4x", [87.70, 49.10, 57.00, 82.31, 52.61, 59.01, 86.09, 55.75, 61.32]),
            ("resnet-v2-18", [87.21, 49.42, 58.06, 82.15, 53.62, 60.04, 85.30, 56.06, 62.43]),
        };
        // docs/method.md §6: the PGD value 54.62 appears six times in the printed table, almost certainly a copy error.
        return Cells("table2", rows, defenses, n => n.Pgd == 54.62 ? "PGD 54.62 is printed six times in the paper's table: likely a copy error" : null);
    }

    /// <summary>Figures 5–6: CIFAR-100, V2(18), FGSM and PGD accuracy for ε = 0…15/255.</summary>
    private static IEnumerable<Entry> Figure5()
    {
        const string note = "read from the paper's plots (±1 point), ε = 8/255";
        var reported = new (string Defense, PaperNumbers Numbers)[]
        {
            ("none", new(75.7, 0, 9.6, note)), ("vanilla", new(57.5, 20.5, 25.2, note)), ("l2p", new(57.5, 25.6, 29.9, note)),
            ("pni", new(60.8, 21.8, 26.3, note)), ("adv-bnn", new(50.3, 26.5, 30.2, note)),
        };
        foreach (var (attack, spec) in new (string, Func<double, AttackSpec>)[] { ("fgsm", AttackSpec.Fgsm), ("pgd", AttackSpec.Pgd) })
            foreach (var (defense, numbers) in reported)
                yield return new Entry($"figure5/cifar100/{attack}/{defense}", "cifar100", "resnet-v2-18", TrainedAs(defense), ExperimentProfiles.Sweep(spec), numbers,
                    p => ExperimentProfiles.SweepEvaluation(p, spec));
        // The CIFAR-10 counterparts the paper claims without numbers (docs/method.md §6), on its main model V1(20). On smoke
        // and quick they are the tables' Fashion-MNIST models under the same sweeps, so their results are shared.
        foreach (var (attack, spec) in new (string, Func<double, AttackSpec>)[] { ("fgsm", AttackSpec.Fgsm), ("pgd", AttackSpec.Pgd) })
            foreach (var (defense, _) in reported)
                yield return new Entry($"sweeps/cifar10/{attack}/{defense}", "cifar10", "resnet-v1-20", TrainedAs(defense), ExperimentProfiles.Sweep(spec), null,
                    p => ExperimentProfiles.SweepEvaluation(p, spec));
    }

    /// <summary>
    /// The attack suite on ResNet-V1(20) for every defence the paper compares. The paper reports no single table of it
    /// (its FGSM/PGD numbers are Tables 1–2's, docs/method.md §6), so no paper numbers are attached.
    /// </summary>
    private static IEnumerable<Entry> Suite()
    {
        foreach (var defense in new[] { "none", "vanilla", "pni", "adv-bnn", "l2p" })
            yield return new Entry($"suite/resnet-v1-20/{defense}", "cifar10", "resnet-v1-20", TrainedAs(defense), [], null, ExperimentProfiles.SuiteEvaluation);
    }

    /// <summary>The defence name a column trains: the paper's PNI is PNI-W with layer-wise noise (docs/method.md §4).</summary>
    private static string TrainedAs(string column) => column == "pni" ? "pni-w" : column;

    private static IEnumerable<Entry> Cells(string table, (string Model, double[] Numbers)[] rows, string[] defenses, Func<PaperNumbers, string?> note)
    {
        foreach (var (model, n) in rows)
            for (int d = 0; d < defenses.Length; d++)
            {
                var numbers = new PaperNumbers(n[3 * d], n[3 * d + 1], n[3 * d + 2]);
                yield return new Entry($"{table}/{model}/{defenses[d]}", "cifar10", model, TrainedAs(defenses[d]), ExperimentProfiles.TableAttacks,
                    numbers with { Note = note(numbers) }, p => ExperimentProfiles.Evaluation(p, ExperimentProfiles.TableAttacksFor(p)));
            }
    }
}

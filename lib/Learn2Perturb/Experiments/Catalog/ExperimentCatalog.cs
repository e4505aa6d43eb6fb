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
    private static IEnumerable<Entry> Table1() =>
        Cells("table1", ["resnet-v1-20", "resnet-v1-56", "resnet-v2-18"], ["none", "vanilla", "l2p-r", "l2p"]);

    /// <summary>Table 2: PNI, Adv-BNN and L2P across depth and width.</summary>
    private static IEnumerable<Entry> Table2() =>
        Cells("table2", ["resnet-v1-20", "resnet-v1-32", "resnet-v1-44", "resnet-v1-56", "resnet-v1-20-1.5x", "resnet-v1-20-2x", "resnet-v1-20-4x", "resnet-v2-18"],
            ["pni", "adv-bnn", "l2p"]);

    /// <summary>Figures 5–6: CIFAR-100, V2(18), FGSM and PGD accuracy for ε = 0…15/255.</summary>
    private static IEnumerable<Entry> Figure5()
    {
        string[] defenses = ["none", "vanilla", "l2p", "pni", "adv-bnn"];
        foreach (var (attack, spec) in new (string, Func<double, AttackSpec>)[] { ("fgsm", AttackSpec.Fgsm), ("pgd", AttackSpec.Pgd) })
            foreach (var defense in defenses)
                yield return new Entry($"figure5/cifar100/{attack}/{defense}", "cifar100", "resnet-v2-18", TrainedAs(defense), ExperimentProfiles.Sweep(spec),
                    PaperNumbers.Of($"figure5/cifar100/{defense}"), p => ExperimentProfiles.SweepEvaluation(p, spec));
        // The CIFAR-10 counterparts the paper claims without numbers (docs/method.md §6), on its main model V1(20). On smoke
        // and quick they are the tables' Fashion-MNIST models under the same sweeps, so their results are shared.
        foreach (var (attack, spec) in new (string, Func<double, AttackSpec>)[] { ("fgsm", AttackSpec.Fgsm), ("pgd", AttackSpec.Pgd) })
            foreach (var defense in defenses)
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

    private static IEnumerable<Entry> Cells(string table, string[] models, string[] defenses) =>
        from model in models
        from defense in defenses
        select new Entry($"{table}/{model}/{defense}", "cifar10", model, TrainedAs(defense), ExperimentProfiles.TableAttacks,
            PaperNumbers.Of($"{table}/{model}/{defense}"), p => ExperimentProfiles.Evaluation(p, ExperimentProfiles.TableAttacksFor(p)));
}

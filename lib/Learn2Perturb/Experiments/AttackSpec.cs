using System.Globalization;
using System.Text.Json.Serialization;
using Learn2Perturb.Attacks;

namespace Learn2Perturb.Experiments;

/// <summary>
/// One attack of an experiment's evaluation, as data (PAPER.md §5): <c>fgsm</c> or <c>pgd</c> (L∞, pixel space) at
/// budget <see cref="Epsilon"/> (a fraction of the pixel range: 8/255 = 0.0314). <see cref="EotSamples"/> &gt; 1 makes
/// it EOT-FGSM / EOT-PGD. <c>apgd-ce</c> / <c>apgd-dlr</c> take <see cref="Steps"/> and <see cref="EotSamples"/> (AutoAttack's
/// "rand" protocol: 100 steps, 20 draws; <see cref="Apgd"/>). <c>fgsm-batch-eot</c> / <c>pgd-batch-eot</c> are FGSM and PGD
/// with the reference code's EOT, the K draws taken as K copies in one batch (<see cref="PgdOptions.EotInOneBatch"/>),
/// which degenerates to one draw against batch-shared noise (notebook 06). The minimal (C&amp;W, few-pixel) and transfer attacks need
/// other evaluators: they are named here and refused by <see cref="Create"/> until the experiments run them.
/// </summary>
public sealed record AttackSpec(string Kind, double Epsilon, int Steps = 7, double StepSize = 0.01, int Restarts = 1, int EotSamples = 1)
{
    public static IReadOnlyList<string> Available { get; } = ["fgsm", "pgd", "apgd-ce", "apgd-dlr", "fgsm-batch-eot", "pgd-batch-eot"];

    private const string BatchEot = "-batch-eot";

    /// <summary>The rest of the suite: named so configs can list them, refused until the experiments run them.</summary>
    public static IReadOnlyList<string> Planned { get; } = ["cw-l2", "few-pixel", "transfer"];

    public static AttackSpec Fgsm(double epsilon) => new("fgsm", epsilon, Steps: 1);

    public static AttackSpec Pgd(double epsilon) => new("pgd", epsilon);

    /// <summary>APGD with EOT (<paramref name="kind"/> apgd-ce or apgd-dlr), AutoAttack's "rand" protocol by default.</summary>
    public static AttackSpec Apgd(string kind, double epsilon, int steps = 100, int eotSamples = 20) => new(kind, epsilon, steps, EotSamples: eotSamples);

    /// <summary>A unique, readable name within one evaluation, e.g. <c>pgd-7@8/255</c>, <c>fgsm@0/255</c>, <c>pgd-7-eot4-batch@8/255</c>.</summary>
    [JsonIgnore] // derived from the fields: not part of a config's JSON or hash
    public string Label
    {
        get
        {
            var eps = (Epsilon * 255).ToString("0.###", CultureInfo.InvariantCulture);
            bool batch = Kind.EndsWith(BatchEot, StringComparison.Ordinal);
            var core = batch ? Kind[..^BatchEot.Length] : Kind;
            var kind = core is "pgd" or "apgd-ce" or "apgd-dlr" ? $"{core}-{Steps}" : core;
            var eot = EotSamples > 1 ? $"-eot{EotSamples}" : "";
            var restarts = Restarts > 1 ? $"-r{Restarts}" : "";
            return $"{kind}{restarts}{eot}{(batch ? "-batch" : "")}@{eps}/255";
        }
    }

    /// <exception cref="ArgumentException">An unknown kind (the message lists the known ones) or an invalid option.</exception>
    /// <exception cref="NotAvailableException">A planned attack that this build does not have yet.</exception>
    public IAttack Create()
    {
        var threat = new ThreatModel(Epsilon);
        threat.Validate();
        IAttack attack = Kind switch
        {
            "fgsm" or "fgsm-batch-eot" => new Fgsm(threat, EotSamples, eotInOneBatch: Kind == "fgsm-batch-eot"),
            "pgd" or "pgd-batch-eot" => new Pgd(threat, Validated(new PgdOptions(Steps, StepSize, RandomStart: true, Restarts, EotSamples) { EotInOneBatch = Kind == "pgd-batch-eot" })),
            "apgd-ce" or "apgd-dlr" => new Apgd(threat, new ApgdOptions(Steps, Kind == "apgd-ce" ? AttackLoss.CrossEntropy : AttackLoss.Dlr, EotSamples)),
            _ when Planned.Contains(Kind) => throw new NotAvailableException("attack", Kind, Available),
            _ => throw new ArgumentException($"unknown attack '{Kind}': expected one of {string.Join(", ", Available.Concat(Planned))}"),
        };
        return new LabelledAttack(Label, attack);
    }

    private static PgdOptions Validated(PgdOptions options)
    {
        options.Validate();
        return options;
    }
}

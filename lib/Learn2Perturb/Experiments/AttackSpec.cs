using System.Globalization;
using System.Text.Json.Serialization;
using Learn2Perturb.Attacks;

namespace Learn2Perturb.Experiments;

/// <summary>
/// One attack of an experiment's evaluation, as data (PAPER.md §5): <c>fgsm</c> or <c>pgd</c> (L∞, pixel space) at
/// budget <see cref="Epsilon"/> (a fraction of the pixel range: 8/255 = 0.0314). <see cref="EotSamples"/> &gt; 1 makes
/// it EOT-FGSM / EOT-PGD. Other names of the paper's suite are known but not built yet: they fail with a clear error.
/// </summary>
public sealed record AttackSpec(string Kind, double Epsilon, int Steps = 7, double StepSize = 0.01, int Restarts = 1, int EotSamples = 1)
{
    public static IReadOnlyList<string> Available { get; } = ["fgsm", "pgd"];

    /// <summary>The rest of issue 3's suite: named so configs can list them, refused until an attack exists.</summary>
    public static IReadOnlyList<string> Planned { get; } = ["apgd-ce", "apgd-dlr", "cw-l2", "few-pixel", "transfer"];

    public static AttackSpec Fgsm(double epsilon) => new("fgsm", epsilon, Steps: 1);

    public static AttackSpec Pgd(double epsilon) => new("pgd", epsilon);

    /// <summary>A unique, readable name within one evaluation, e.g. <c>pgd-7@8/255</c>, <c>fgsm@0/255</c>.</summary>
    [JsonIgnore] // derived from the fields: not part of a config's JSON or hash
    public string Label
    {
        get
        {
            var eps = (Epsilon * 255).ToString("0.###", CultureInfo.InvariantCulture);
            var kind = Kind == "pgd" ? $"pgd-{Steps}" : Kind;
            var eot = EotSamples > 1 ? $"-eot{EotSamples}" : "";
            var restarts = Restarts > 1 ? $"-r{Restarts}" : "";
            return $"{kind}{restarts}{eot}@{eps}/255";
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
            "fgsm" => new Fgsm(threat, EotSamples),
            "pgd" => new Pgd(threat, Validated(new PgdOptions(Steps, StepSize, RandomStart: true, Restarts, EotSamples))),
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

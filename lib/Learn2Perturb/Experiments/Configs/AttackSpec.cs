using System.Globalization;
using System.Text.Json.Serialization;
using Learn2Perturb.Attacks;
using static TorchSharp.torch;

namespace Learn2Perturb.Experiments;

/// <summary>
/// One attack of an experiment's evaluation, as data (docs/method.md §5): <c>fgsm</c> or <c>pgd</c> (L∞, pixel space) at
/// budget <see cref="Epsilon"/> (a fraction of the pixel range: 8/255 = 0.0314). <see cref="EotSamples"/> &gt; 1 makes
/// it EOT-FGSM / EOT-PGD. <c>apgd-ce</c> / <c>apgd-dlr</c> take <see cref="Steps"/> and <see cref="EotSamples"/> (AutoAttack's
/// "rand" protocol: 100 steps, 20 draws; <see cref="Apgd"/>). <c>fgsm-batch-eot</c> / <c>pgd-batch-eot</c> are FGSM and PGD
/// with the reference code's EOT, the K draws taken as K copies in one batch (<see cref="PgdOptions.EotInOneBatch"/>),
/// which degenerates to one draw against batch-shared noise (notebook 06). Any of them with a <see cref="Source"/> is a
/// transfer attack (<see cref="Transfer"/>): crafted on that separately trained model, then shown to the target. The
/// minimal attacks (C&amp;W, few-pixel) are <see cref="MinimalAttackSpec"/>s: they need another evaluator.
/// </summary>
public sealed record AttackSpec(string Kind, double Epsilon, int Steps = 7, double StepSize = 0.01, int Restarts = 1, int EotSamples = 1)
{
    public static IReadOnlyList<string> Available { get; } = ["fgsm", "pgd", "apgd-ce", "apgd-dlr", "fgsm-batch-eot", "pgd-batch-eot"];

    /// <summary>
    /// The model this attack is crafted on, for a transfer (black-box) attack (docs/method.md §5); null for a white-box attack
    /// on the evaluated model itself, and then left out of the JSON (<see cref="Runs.ConfigHash"/>'s stability rule).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TransferSource? Source { get; init; }

    public static AttackSpec Fgsm(double epsilon) => new("fgsm", epsilon, Steps: 1);

    /// <summary>PGD with <paramref name="steps"/> steps of <see cref="PgdOptions.StepFor"/> (the paper's PGD-7 of 0.01 at 8/255).</summary>
    public static AttackSpec Pgd(double epsilon, int steps = 7) => new("pgd", epsilon, steps, PgdOptions.StepFor(epsilon, steps));

    /// <summary>The paper's own attack at budget ε (the one-argument form the ε sweeps take).</summary>
    public static AttackSpec Pgd(double epsilon) => Pgd(epsilon, 7);

    /// <summary>
    /// <paramref name="inner"/> (e.g. PGD-7 at 8/255) as a transfer attack: its examples are crafted on
    /// <paramref name="source"/>'s trained model, the target's gradients are never used (docs/method.md §5).
    /// </summary>
    public static AttackSpec Transfer(AttackSpec inner, TransferSource source) =>
        (inner ?? throw new ArgumentNullException(nameof(inner))) with { Source = source ?? throw new ArgumentNullException(nameof(source)) };

    /// <summary>APGD with EOT (<paramref name="kind"/> apgd-ce or apgd-dlr), AutoAttack's "rand" protocol by default.</summary>
    public static AttackSpec Apgd(string kind, double epsilon, int steps = 100, int eotSamples = 20) => new(kind, epsilon, steps, EotSamples: eotSamples);

    /// <summary>
    /// The attack's one name (<see cref="AttackName"/>), unique within one evaluation and the key of its accuracy in a
    /// stored report: <c>pgd-7@8/255</c>, <c>fgsm@0/255</c>, <c>pgd-7-eot4-batch@8/255</c>, and for a transfer attack the
    /// source it is crafted on: <c>pgd-7@8/255 from none-seed1</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown kind or an invalid option (the name is the built attack's).</exception>
    [JsonIgnore] // derived from the fields: not part of a config's JSON or hash
    public string Name => Source is null ? Build().Name : $"{Build().Name} from {Source.Name}";

    /// <summary>The white-box attack this spec describes.</summary>
    /// <exception cref="ArgumentException">An unknown kind (the message lists the known ones) or an invalid option.</exception>
    /// <exception cref="InvalidOperationException">A transfer attack: it needs its source model (<see cref="Create(nn.Module{Tensor, Tensor})"/>).</exception>
    public IAttack Create() =>
        Source is null ? Build()
            : throw new InvalidOperationException($"attack '{Name}' is a transfer attack: it is crafted on the trained model '{Source.Name}', " +
                                                  "so create it with Create(source) once that model is loaded (ExperimentRunner does)");

    /// <summary>The transfer attack this spec describes, crafted on <paramref name="source"/> (the trained <see cref="Source"/>).</summary>
    /// <exception cref="InvalidOperationException">The spec has no <see cref="Source"/>: it is a white-box attack.</exception>
    public IAttack Create(nn.Module<Tensor, Tensor> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Source is not null ? new TransferAttack(source, Build(), Source.Name)
            : throw new InvalidOperationException($"attack '{Name}' has no transfer source: it attacks the evaluated model itself (use Create())");
    }

    /// <summary>Checks the kind, the options and the transfer source, without building anything that needs a model.</summary>
    /// <exception cref="ArgumentException">An unknown kind or an invalid option or source.</exception>
    /// <exception cref="ArgumentException">A source whose defence is unknown.</exception>
    public void Validate()
    {
        Build();
        Source?.Validate();
    }

    private IAttack Build()
    {
        var threat = new ThreatModel(Epsilon);
        threat.Validate();
        if (Restarts != 1 && Kind is "fgsm" or "fgsm-batch-eot")
            throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, $"'{Kind}' has no random start, so no restarts: expected 1");
        return Kind switch
        {
            "fgsm" or "fgsm-batch-eot" => new Fgsm(threat, EotSamples, eotInOneBatch: Kind == "fgsm-batch-eot"),
            "pgd" or "pgd-batch-eot" => new Pgd(threat, Validated(new PgdOptions(Steps, StepSize, RandomStart: true, Restarts, EotSamples) { EotInOneBatch = Kind == "pgd-batch-eot" })),
            "apgd-ce" or "apgd-dlr" => new Apgd(threat, new ApgdOptions(Steps, Kind == "apgd-ce" ? AttackLoss.CrossEntropy : AttackLoss.Dlr, EotSamples, Restarts: Restarts)),
            "transfer" => throw new ArgumentException("'transfer' is not an attack kind: a transfer attack is a budget attack (fgsm, pgd, apgd-*) " +
                                                      "with a Source naming the model it is crafted on (AttackSpec.Transfer)", nameof(Kind)),
            _ when MinimalAttackSpec.Available.Contains(Kind) => throw new ArgumentException(
                $"'{Kind}' is a minimal attack: list it as a MinimalAttackSpec (the evaluation's \"minimal\" list), not among the budget attacks ({string.Join(", ", Available)})", nameof(Kind)),
            _ => throw new ArgumentException($"unknown attack '{Kind}': expected one of {string.Join(", ", Available)}", nameof(Kind)),
        };
    }

    private static PgdOptions Validated(PgdOptions options)
    {
        options.Validate();
        return options;
    }
}

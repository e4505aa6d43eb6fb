using Learn2Perturb.Baselines;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>
/// A defence of docs/method.md §4 as data, and the one place a defence name means something: how its model is built
/// (θ modules, PNI layers or Bayesian layers on the one ResNet builder) and how the one <see cref="Trainer"/> trains it.
/// The named defences of the paper's tables are the static members (<see cref="All"/>, <see cref="Parse"/>); ablations
/// are <c>with</c> expressions on them, e.g. <c>DefenseSpec.Parse("l2p") with { TestTimeNoise = NoiseMode.Off }</c>.
/// Learn2Perturb ablations that concern training (γ, annealing, update scheme) are fields of <see cref="TrainingOptions"/>.
/// Definitions and our choices: lib/Learn2Perturb/Baselines/README.md.
/// </summary>
/// <param name="Name">The name notebooks, the CLI and the run store use.</param>
/// <param name="Kind">The training rules: which parameters learn noise, KL term, noise schedule.</param>
/// <param name="Description">One line for tables and <c>--help</c>.</param>
public sealed record DefenseSpec(string Name, DefenseKind Kind, string Description)
{
    public static DefenseSpec None { get; } = new("none", DefenseKind.None, "plain training, no noise, no adversarial examples");

    public static DefenseSpec Vanilla { get; } = new("vanilla", DefenseKind.Vanilla, "Madry PGD adversarial training, no noise");

    public static DefenseSpec Learn2Perturb { get; } = new("l2p", DefenseKind.Learn2Perturb, "Learn2Perturb (paper defaults)")
    { Perturbation = new PerturbationOptions() };

    public static DefenseSpec Learn2PerturbR { get; } = new("l2p-r", DefenseKind.Learn2PerturbR,
        "Learn2Perturb-R, OUR BEST GUESS: θ trained by the regulariser only")
    { Perturbation = new PerturbationOptions() };

    /// <summary>Table 2's PNI: layer-wise weight noise, PNI's default.</summary>
    public static DefenseSpec PniW { get; } = WithPni("pni-w", "PNI-W, layer-wise α on weights", new(PniScope.Layer));

    public static DefenseSpec PniWChannel { get; } = WithPni("pni-w-channel", "PNI-W, channel-wise α on weights", new(PniScope.Channel));

    public static DefenseSpec PniWElement { get; } = WithPni("pni-w-element", "PNI-W, element-wise α on weights", new(PniScope.Element));

    public static DefenseSpec PniA { get; } = WithPni("pni-a", "PNI-A, layer-wise α on each layer's input activation", new(PniScope.None, Activations: true));

    public static DefenseSpec PniWA { get; } = WithPni("pni-wa", "PNI-W + PNI-A, layer-wise α on weights and activations", new(PniScope.Layer, Activations: true));

    public static DefenseSpec AdvBnn { get; } = new("adv-bnn", DefenseKind.AdvBnn,
        "Adv-BNN: Bayesian conv/linear layers + KL, adversarial-only PGD training")
    { Bayesian = new BayesianOptions(), AdversarialWeight = 1 };

    /// <summary>Every named defence, in the order tables list them.</summary>
    public static IReadOnlyList<DefenseSpec> All { get; } =
        [None, Vanilla, Learn2Perturb, Learn2PerturbR, PniW, PniWChannel, PniWElement, PniA, PniWA, AdvBnn];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>The defence called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the valid names.</exception>
    public static DefenseSpec Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        return All.FirstOrDefault(s => s.Name == key)
            ?? throw new ArgumentException($"unknown defence '{name}': expected one of {string.Join(", ", Names)}", nameof(name));
    }

    /// <summary>θ modules (θ0, θmin, per-sample or shared noise) for Learn2Perturb(-R); null for every other defence.</summary>
    public PerturbationOptions? Perturbation { get; init; }

    /// <summary>PNI's noise placement and α0; set exactly when <see cref="Kind"/> is <see cref="DefenseKind.Pni"/>.</summary>
    public PniOptions? Pni { get; init; }

    /// <summary>Adv-BNN's prior, initial σ and KL weight; set exactly when <see cref="Kind"/> is <see cref="DefenseKind.AdvBnn"/>.</summary>
    public BayesianOptions? Bayesian { get; init; }

    /// <summary>Noise during evaluation (docs/method.md §7 ablation "test-time noise off"); training is unaffected.</summary>
    public NoiseMode TestTimeNoise { get; init; } = NoiseMode.On;

    /// <summary>
    /// Overrides <see cref="TrainingOptions.AdversarialWeight"/> for this defence (Adv-BNN trains on adversarial
    /// examples only: 1); null keeps the options' value.
    /// </summary>
    public double? AdversarialWeight { get; init; }

    /// <summary>Learn2Perturb and Learn2Perturb-R learn θ maps; the other defences have none.</summary>
    public bool LearnsTheta => Kind is DefenseKind.Learn2Perturb or DefenseKind.Learn2PerturbR;

    /// <summary>Throws naming the field that does not fit <see cref="Kind"/>.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("a defence needs a name", nameof(Name));
        if (!Enum.IsDefined(Kind)) throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown defence kind");
        if (!Enum.IsDefined(TestTimeNoise)) throw new ArgumentOutOfRangeException(nameof(TestTimeNoise), TestTimeNoise, "must be On or Off");
        Require(Perturbation is not null == LearnsTheta, nameof(Perturbation), "Learn2Perturb and Learn2Perturb-R");
        Require(Pni is not null == (Kind == DefenseKind.Pni), nameof(Pni), "PNI");
        Require(Bayesian is not null == (Kind == DefenseKind.AdvBnn), nameof(Bayesian), "Adv-BNN");
        Perturbation?.Validate();
        Pni?.Validate();
        Bayesian?.Validate();
        if (AdversarialWeight is { } w && !(w is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(AdversarialWeight), w, "AdversarialWeight must be in [0, 1]");
    }

    /// <summary>Builds the defence's model (on the CPU) for <paramref name="model"/> and <paramref name="input"/>.</summary>
    public ResNet Build(ModelSpec model, InputSpec input)
    {
        Validate();
        ILayerFactory layers = Kind switch
        {
            DefenseKind.Pni => new PniLayers(Pni!),
            DefenseKind.AdvBnn => new BayesianLayers(Bayesian!),
            _ => StandardLayers.Instance,
        };
        return ModelFactory.Create(model, input, Perturbation, layers);
    }

    /// <summary>The training options with this defence's overrides applied.</summary>
    public TrainingOptions Configure(TrainingOptions options) =>
        AdversarialWeight is { } w ? options with { AdversarialWeight = w } : options;

    /// <summary>A trainer for a model built by <see cref="Build"/>, with this defence's options and KL weight.</summary>
    public Trainer CreateTrainer(nn.Module<Tensor, Tensor> model, TrainingOptions options) => new(model, this, options);

    /// <summary>Sets the noise the model is evaluated with (<see cref="TestTimeNoise"/>) until the scope is disposed.</summary>
    public IDisposable EvaluationNoise(nn.Module model) => model.Noise(TestTimeNoise);

    private void Require(bool ok, string field, string owners)
    {
        if (!ok) throw new ArgumentException($"defence '{Name}' ({Kind}): {field} must be set for {owners} and only for them", field);
    }

    private static DefenseSpec WithPni(string name, string description, PniOptions options) =>
        new(name, DefenseKind.Pni, description) { Pni = options };
}

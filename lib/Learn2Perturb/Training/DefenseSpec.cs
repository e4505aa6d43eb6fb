using Learn2Perturb.Baselines;
using Learn2Perturb.Models;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>
/// One defence of docs/method.md §4 as data: how its model is built (θ modules, PNI layers or Bayesian layers on the one
/// ResNet builder) and how the one <see cref="Trainer"/> trains it. The named presets live in <see cref="DefenseSpecs"/>;
/// ablations are <c>with</c> expressions on them, e.g. <c>DefenseSpecs.Parse("l2p") with { TestTimeNoise = NoiseMode.Off }</c>.
/// Learn2Perturb ablations that concern training (γ, annealing, update scheme) are fields of <see cref="TrainingOptions"/>.
/// </summary>
/// <param name="Name">The name notebooks, the CLI and the run store use.</param>
/// <param name="Defense">The training rules: which parameters learn noise, KL term, noise schedule.</param>
/// <param name="Description">One line for tables and <c>--help</c>.</param>
public sealed record DefenseSpec(string Name, Defense Defense, string Description)
{
    /// <summary>θ modules (θ0, θmin, per-sample or shared noise) for Learn2Perturb(-R); null for every other defence.</summary>
    public PerturbationOptions? Perturbation { get; init; }

    /// <summary>PNI's noise placement and α0; set exactly when <see cref="Defense"/> is <see cref="Training.Defense.Pni"/>.</summary>
    public PniOptions? Pni { get; init; }

    /// <summary>Adv-BNN's prior, initial σ and KL weight; set exactly when <see cref="Defense"/> is AdvBnn.</summary>
    public BayesianOptions? Bayesian { get; init; }

    /// <summary>Noise during evaluation (docs/method.md §7 ablation "test-time noise off"); training is unaffected.</summary>
    public NoiseMode TestTimeNoise { get; init; } = NoiseMode.On;

    /// <summary>
    /// Overrides <see cref="TrainingOptions.AdversarialWeight"/> for this defence (Adv-BNN trains on adversarial
    /// examples only: 1); null keeps the options' value.
    /// </summary>
    public double? AdversarialWeight { get; init; }

    /// <summary>Throws naming the field that does not fit <see cref="Defense"/>.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("a defence needs a name", nameof(Name));
        if (!Enum.IsDefined(Defense)) throw new ArgumentOutOfRangeException(nameof(Defense), Defense, "unknown defence kind");
        if (!Enum.IsDefined(TestTimeNoise)) throw new ArgumentOutOfRangeException(nameof(TestTimeNoise), TestTimeNoise, "must be On or Off");
        Require(Perturbation is not null == Defense.LearnsTheta(), nameof(Perturbation), "Learn2Perturb and Learn2Perturb-R");
        Require(Pni is not null == (Defense == Defense.Pni), nameof(Pni), "PNI");
        Require(Bayesian is not null == (Defense == Defense.AdvBnn), nameof(Bayesian), "Adv-BNN");
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
        ILayerFactory layers = Defense switch
        {
            Defense.Pni => new PniLayers(Pni!),
            Defense.AdvBnn => new BayesianLayers(Bayesian!),
            _ => StandardLayers.Instance,
        };
        return ModelFactory.Create(model, input, Perturbation, layers);
    }

    /// <summary>The training options with this defence's overrides applied.</summary>
    public TrainingOptions Configure(TrainingOptions options) =>
        AdversarialWeight is { } w ? options with { AdversarialWeight = w } : options;

    /// <summary>A trainer for a model built by <see cref="Build"/>, with this defence's options and KL weight.</summary>
    public Trainer CreateTrainer(nn.Module<Tensor, Tensor> model, TrainingOptions options)
    {
        Validate();
        return new Trainer(model, Defense, Configure(options), Bayesian?.KlWeight);
    }

    /// <summary>Sets the noise the model is evaluated with (<see cref="TestTimeNoise"/>) until the scope is disposed.</summary>
    public IDisposable EvaluationNoise(nn.Module model) => model.Noise(TestTimeNoise);

    private void Require(bool ok, string field, string owners)
    {
        if (!ok) throw new ArgumentException($"defence '{Name}' ({Defense.ToName()}): {field} must be set for {owners} and only for them", field);
    }
}

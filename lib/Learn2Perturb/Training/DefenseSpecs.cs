using Learn2Perturb.Baselines;
using Learn2Perturb.Models;

namespace Learn2Perturb.Training;

/// <summary>
/// The named defences of the paper's tables (docs/method.md §4, §6) — the one place mapping a name to a model build and a
/// trainer configuration. See lib/Learn2Perturb/Baselines/README.md for each definition and our choices.
/// </summary>
public static class DefenseSpecs
{
    public static DefenseSpec None { get; } = new("none", Defense.None, "plain training, no noise, no adversarial examples");

    public static DefenseSpec Vanilla { get; } = new("vanilla", Defense.Vanilla, "Madry PGD adversarial training, no noise");

    public static DefenseSpec Learn2Perturb { get; } = new("l2p", Defense.Learn2Perturb, "Learn2Perturb (paper defaults)")
    { Perturbation = new PerturbationOptions() };

    public static DefenseSpec Learn2PerturbR { get; } = new("l2p-r", Defense.Learn2PerturbR,
        "Learn2Perturb-R, OUR BEST GUESS: θ trained by the regulariser only")
    { Perturbation = new PerturbationOptions() };

    public static DefenseSpec PniW { get; } = Pni("pni-w", "PNI-W, layer-wise α on weights", new(PniScope.Layer));

    public static DefenseSpec PniWChannel { get; } = Pni("pni-w-channel", "PNI-W, channel-wise α on weights", new(PniScope.Channel));

    public static DefenseSpec PniWElement { get; } = Pni("pni-w-element", "PNI-W, element-wise α on weights", new(PniScope.Element));

    public static DefenseSpec PniA { get; } = Pni("pni-a", "PNI-A, layer-wise α on each layer's input activation", new(PniScope.None, Activations: true));

    public static DefenseSpec PniWA { get; } = Pni("pni-wa", "PNI-W + PNI-A, layer-wise α on weights and activations", new(PniScope.Layer, Activations: true));

    public static DefenseSpec AdvBnn { get; } = new("adv-bnn", Defense.AdvBnn,
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

    private static DefenseSpec Pni(string name, string description, PniOptions options) =>
        new(name, Defense.Pni, description) { Pni = options };
}

using System.Globalization;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Attacks by name, for the CLI and the experiments (docs/method.md §5, §7). Budget attacks take their ε (and L∞ or L2)
/// from the threat model; EOT attacks take <c>eotSamples</c> draws per gradient (the reference code's
/// EOT uses 30; AutoAttack's "rand" protocol 20, which the apgd-* names use unless told otherwise).
/// Names: fgsm, eot-fgsm, pgd (= pgd-7), pgd-N, pgd-N-rR (R restarts), eot-pgd, eot-pgd-N, apgd-ce, apgd-dlr,
/// cw-l2, cw-l2-kK (confidence κ = K), few-pixel-K. An unknown name throws, listing the valid ones.
/// </summary>
public static partial class AttackRegistry
{
    /// <summary>The name patterns, as shown in errors and help texts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["fgsm", "eot-fgsm", "pgd", "pgd-N", "pgd-N-rR", "eot-pgd", "eot-pgd-N", "apgd-ce", "apgd-dlr", "cw-l2", "cw-l2-kK", "few-pixel-K"];

    /// <summary>True when <paramref name="name"/> is a minimal attack (C&amp;W, few-pixel), false for a budget attack.</summary>
    public static bool IsMinimal(string name)
    {
        string n = Normalise(name);
        if (CwName().IsMatch(n) || FewPixelName().IsMatch(n)) return true;
        _ = Budget(n, ThreatModel.Paper); // throws for unknown names
        return false;
    }

    /// <summary>A fixed-budget attack by name; PGD's step follows <see cref="PgdOptions.StepFor"/>.</summary>
    public static IAttack Budget(string name, ThreatModel threat, int eotSamples = 30, int apgdEotSamples = 20)
    {
        string n = Normalise(name);
        Match m;
        if (n == "fgsm") return new Fgsm(threat);
        if (n == "eot-fgsm") return new Fgsm(threat, eotSamples);
        if (n == "pgd") return new Pgd(threat, PgdFor(threat, 7, 1, 1));
        if ((m = PgdName().Match(n)).Success)
        {
            int restarts = m.Groups[3].Success ? Int(m.Groups[3].Value) : 1;
            return new Pgd(threat, PgdFor(threat, Int(m.Groups[2].Value), restarts, m.Groups[1].Success ? eotSamples : 1));
        }
        if (n == "eot-pgd") return new Pgd(threat, PgdFor(threat, 7, 1, eotSamples));
        if (n == "apgd-ce") return new Apgd(threat, ApgdOptions.Rand(AttackLoss.CrossEntropy) with { EotSamples = apgdEotSamples });
        if (n == "apgd-dlr") return new Apgd(threat, ApgdOptions.Rand(AttackLoss.Dlr) with { EotSamples = apgdEotSamples });
        throw Unknown(name, IsMinimalName(n) ? " (a minimal attack: use AttackRegistry.Minimal)" : "");
    }

    /// <summary>
    /// The transfer attack (docs/method.md §5): budget attack <paramref name="name"/> crafted on <paramref name="source"/>, a
    /// separately trained model, then shown to whatever target the evaluator attacks.
    /// </summary>
    public static IAttack Transfer(string name, ThreatModel threat, nn.Module<Tensor, Tensor> source,
        string sourceName, int eotSamples = 30) => new TransferAttack(source, Budget(name, threat, eotSamples), sourceName);

    /// <summary>A minimal-perturbation attack by name (cw-l2, cw-l2-kK, few-pixel-K), with the default options.</summary>
    public static IMinimalAttack Minimal(string name, int eotSamples = 1)
    {
        string n = Normalise(name);
        Match m;
        if ((m = CwName().Match(n)).Success)
        {
            double kappa = m.Groups[1].Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new CarliniWagnerL2(new CarliniWagnerOptions(Confidence: kappa, EotSamples: eotSamples));
        }
        if ((m = FewPixelName().Match(n)).Success) return new FewPixel(new FewPixelOptions(Pixels: Int(m.Groups[1].Value)));
        throw Unknown(name, " (a budget attack: use AttackRegistry.Budget)");
    }

    private static PgdOptions PgdFor(ThreatModel threat, int steps, int restarts, int eot) =>
        new(Steps: steps, StepSize: PgdOptions.StepFor(threat.Epsilon, steps, threat.Norm), Restarts: restarts, EotSamples: eot);

    private static bool IsMinimalName(string n) => CwName().IsMatch(n) || FewPixelName().IsMatch(n);

    private static string Normalise(string name) =>
        (name ?? throw new ArgumentNullException(nameof(name))).Trim().ToLowerInvariant();

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static ArgumentException Unknown(string name, string hint) =>
        new($"unknown attack '{name}'{hint}; valid names: {string.Join(", ", Names)}", nameof(name));

    [GeneratedRegex(@"^(eot-)?pgd-(\d+)(?:-r(\d+))?$")]
    private static partial Regex PgdName();

    [GeneratedRegex(@"^cw-l2(?:-k(\d+(?:\.\d+)?))?$")]
    private static partial Regex CwName();

    [GeneratedRegex(@"^few-pixel-(\d+)$")]
    private static partial Regex FewPixelName();
}

namespace Learn2Perturb.Experiments;

/// <summary>The attack parameter an attack-strength sweep varies (docs/method.md §7), all else held at a base attack.</summary>
public enum StrengthParameter
{
    /// <summary>The L∞ budget ε (a fraction of the pixel range); the step size may follow it.</summary>
    Epsilon,

    /// <summary>Gradient steps of PGD or APGD.</summary>
    Steps,

    /// <summary>Random restarts of PGD.</summary>
    Restarts,

    /// <summary>Noise draws averaged into each gradient (EOT).</summary>
    EotSamples,
}

namespace Learn2Perturb.Attacks;

/// <summary>The norm of a threat model's ball (docs/method.md §5: the paper's PGD and FGSM are L∞; L2 PGD is an extension).</summary>
public enum Norm
{
    /// <summary>‖δ‖∞ ≤ ε: every pixel moves by at most ε.</summary>
    LInf,

    /// <summary>‖δ‖₂ ≤ ε per sample, over all C×H×W values.</summary>
    L2,
}

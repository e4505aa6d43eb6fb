namespace Learn2Perturb.Perturbation;

/// <summary>Whether the perturbation-injection modules add noise. Independent of train()/eval() (docs/method.md §1).</summary>
public enum NoiseMode
{
    /// <summary>Each module outputs x + θ ⊙ ε.</summary>
    On,
    /// <summary>Each module is the identity (noise not yet switched on, or test-time noise disabled).</summary>
    Off,
}

/// <summary>How ε ~ N(0, I) is drawn for a batch.</summary>
public enum NoiseSampling
{
    /// <summary>An independent draw for every sample (the paper's stochastic network; default).</summary>
    PerSample,
    /// <summary>One C×H×W draw shared by the whole batch (the reference code; makes EOT degenerate).</summary>
    SharedAcrossBatch,
}

namespace Learn2Perturb.Baselines;

/// <summary>The shape of PNI's weight-noise scale α (He et al. 2019; docs/method.md §4).</summary>
public enum PniScope
{
    /// <summary>No weight noise (PNI-A alone).</summary>
    None,
    /// <summary>One scalar α per layer (PNI-W, the PNI paper's default).</summary>
    Layer,
    /// <summary>One α per output channel (conv) or output feature (linear).</summary>
    Channel,
    /// <summary>One α per weight element.</summary>
    Element,
}

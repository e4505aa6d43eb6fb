namespace Learn2Perturb.Perturbation;

/// <summary>
/// Which generator draws ε ~ N(0, I) for the noise modules. The choice changes every value a model sees during
/// training, so it is part of a training config and of its run id.
/// </summary>
public enum NoiseGenerator
{
    /// <summary>
    /// Philox-4×32-10 with Box–Muller (<see cref="PhiloxGaussian"/>) for float32 tensors on the CPU: vectorised,
    /// multi-threaded, the same values at any thread count. CUDA tensors and other dtypes fall back to torch's randn.
    /// </summary>
    Philox,
    /// <summary>torch's own randn (libtorch's CPU generator: one single-threaded stream).</summary>
    Torch,
}

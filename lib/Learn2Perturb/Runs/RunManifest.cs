using System.Text.Json;

namespace Learn2Perturb.Runs;

/// <summary>
/// <c>manifest.json</c> of a run: the config whose hash is the run's id, and how and where it was made (docs/architecture.md §1.6:
/// configs are saved next to the results with the git commit).
/// </summary>
/// <param name="Id">The config hash (<see cref="ConfigHash"/>), also the directory name.</param>
/// <param name="Experiment">The experiment name that created the run; other experiments with the same training config share it.</param>
/// <param name="Config">The training config as canonical JSON.</param>
/// <param name="GitCommit">The workbook's commit, or null outside a git checkout.</param>
/// <param name="Threads">libtorch's intra-op thread count when the run was created. On a CPU a run is bit-reproducible
/// only at the same count: more threads sum in a different order, and a few epochs of SGD turn that rounding into a
/// different model (measured: the same ablation config trained at 2 and at 1 thread differed by up to 1.9 points of
/// test accuracy). Null in manifests written before it was recorded.</param>
/// <param name="ResumedThreads">Thread counts of resumes that differed from <paramref name="Threads"/>, in order: the run
/// is then not bit-reproducible from its config. Null when every resume used the same count.</param>
/// <param name="Diverged">Set when training stopped on a non-finite loss or parameter: the checkpoint is the last finite
/// epoch's and the run has no final model to evaluate.</param>
/// <param name="Numerics">TF32 on CUDA when the run was created (<see cref="CudaNumerics"/>). Null in manifests written
/// before it was recorded.</param>
public sealed record RunManifest(
    string Id,
    string Experiment,
    string Profile,
    long Seed,
    JsonElement Config,
    string? GitCommit,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Device,
    DateTimeOffset Created,
    int? Threads = null,
    IReadOnlyList<int>? ResumedThreads = null,
    Divergence? Diverged = null,
    CudaNumerics? Numerics = null);

/// <summary>
/// The CUDA numerics in force when a run was created: whether float32 matmuls (cuBLAS) and convolutions (cuDNN) could
/// use TF32. Recorded on a CPU too (it has no effect there). TorchSharp 0.107 does not expose PyTorch's deterministic
/// algorithms or cuDNN's benchmark flag, so libtorch's defaults hold for those (deterministic algorithms off, cuDNN
/// benchmark off): a CUDA run is reproducible only up to cuDNN's choice of kernels.
/// </summary>
public sealed record CudaNumerics(bool Tf32Matmul, bool Tf32Convolution);

using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Models;

/// <summary>
/// Per-channel input normalisation inside the model, so every attack works on [0,1] pixels (docs/architecture.md §1.1).
/// Mean and std are buffers: saved with the weights, never trained.
/// </summary>
public sealed class Normalize : nn.Module<Tensor, Tensor>
{
    private readonly Tensor mean;
    private readonly Tensor std;

    public Normalize(IReadOnlyList<double> mean, IReadOnlyList<double> std) : base(nameof(Normalize))
    {
        if (mean.Count != std.Count) throw new ArgumentException($"mean has {mean.Count} channels but std has {std.Count}");
        if (std.Any(s => s <= 0)) throw new ArgumentOutOfRangeException(nameof(std), "every std must be > 0");
        this.mean = tensor(mean.Select(v => (float)v).ToArray()).reshape(1, mean.Count, 1, 1);
        this.std = tensor(std.Select(v => (float)v).ToArray()).reshape(1, std.Count, 1, 1);
        register_buffer(nameof(mean), this.mean);
        register_buffer(nameof(std), this.std);
    }

    /// <param name="x">Pixels in [0,1], shape [N,C,H,W].</param>
    public override Tensor forward(Tensor x) => (x - mean) / std;
}

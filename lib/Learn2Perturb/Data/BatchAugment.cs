using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Data;

/// <summary>
/// The standard CIFAR training augmentation of the paper's ResNet recipe (He et al. 2016, used by Learn2Perturb §4):
/// random crop of the original size from the image zero-padded by 4 pixels, then a horizontal flip with p = 0.5.
/// Works on whole batches with tensor ops on the batch's device.
/// </summary>
public static class BatchAugment
{
    /// <summary>
    /// Per sample: pads by <paramref name="padding"/> zeros, crops <c>H×W</c> at offsets drawn uniformly from
    /// <c>0..2·padding</c> (rows and columns independently), and flips horizontally with probability
    /// <paramref name="flipProbability"/>. Returns a new tensor of <paramref name="x"/>'s shape; never mutates x.
    /// </summary>
    /// <param name="x">float <c>[N,C,H,W]</c> on any device.</param>
    /// <param name="padding">Zero padding on each side, in pixels; 0 disables the crop.</param>
    /// <param name="g">Random draws come from this generator on its device and are then moved to x's device, so a given
    /// seed gives the same crops on CPU and GPU. When null they come from torch's default generator of x's own device:
    /// on a GPU the offsets are drawn there, and the host never copies to the device (a copy would wait for the
    /// device's queue every batch).</param>
    /// <param name="flipProbability">Probability of a horizontal flip per sample; 0 disables flips.</param>
    public static Tensor RandomCropFlip(Tensor x, int padding = 4, Generator? g = null, double flipProbability = 0.5)
    {
        if (x.dim() != 4) throw new ArgumentException($"x must be [N,C,H,W], not [{string.Join(",", x.shape)}]", nameof(x));
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (flipProbability is < 0 or > 1 || double.IsNaN(flipProbability))
            throw new ArgumentOutOfRangeException(nameof(flipProbability), flipProbability, "must lie in [0,1]");
        using var scope = NewDisposeScope();
        var (dy, dx, flip) = DrawOffsets(x.shape[0], padding, flipProbability, g, x.device);
        var padded = padding == 0 ? x : nn.functional.pad(x, [padding, padding, padding, padding]);
        var rows = RowIndex(dy, x.shape, padding);
        var cols = ColumnIndex(dx, flip, x.shape);
        return padded.gather(2, rows).gather(3, cols).MoveToOuterDisposeScope();
    }

    private static (Tensor Dy, Tensor Dx, Tensor Flip) DrawOffsets(long n, int padding, double flipProbability, Generator? g, Device target)
    {
        var device = g?.device ?? target;
        var dy = randint(2 * padding + 1, [n], dtype: ScalarType.Int64, device: device, generator: g);
        var dx = randint(2 * padding + 1, [n], dtype: ScalarType.Int64, device: device, generator: g);
        var flip = rand([n], device: device, generator: g).lt(flipProbability);
        return (dy.to(target), dx.to(target), flip.to(target));
    }

    /// <summary>rows[n,c,i,j] = dy[n] + i over the padded width: the first gather picks the crop's rows.</summary>
    private static Tensor RowIndex(Tensor dy, long[] shape, int padding)
    {
        long n = shape[0], c = shape[1], h = shape[2], paddedW = shape[3] + 2 * padding;
        var rows = dy.unsqueeze(1) + arange(h, dtype: ScalarType.Int64, device: dy.device);
        return rows.view(n, 1, h, 1).expand(n, c, h, paddedW);
    }

    /// <summary>cols[n,c,i,j] = dx[n] + j, or dx[n] + W-1-j for flipped samples: crop and flip in one gather.</summary>
    private static Tensor ColumnIndex(Tensor dx, Tensor flip, long[] shape)
    {
        long n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        var forward = arange(w, dtype: ScalarType.Int64, device: dx.device);
        var backward = forward.flip(0);
        var cols = dx.unsqueeze(1) + where(flip.unsqueeze(1), backward.unsqueeze(0), forward.unsqueeze(0));
        return cols.view(n, 1, 1, w).expand(n, c, h, w);
    }
}

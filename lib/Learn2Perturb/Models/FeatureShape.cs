namespace Learn2Perturb.Models;

/// <summary>A feature map's per-sample shape C×H×W; θ maps take this shape.</summary>
public readonly record struct FeatureShape(long Channels, long Height, long Width)
{
    /// <summary>The spatial size after a 3×3/pad-1 (or 1×1/pad-0, or ::stride subsampling) layer of this stride.</summary>
    public FeatureShape Downsample(long channels, long stride) =>
        new(channels, (Height - 1) / stride + 1, (Width - 1) / stride + 1);

    public long Elements => Channels * Height * Width;
}

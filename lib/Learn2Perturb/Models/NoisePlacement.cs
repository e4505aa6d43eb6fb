namespace Learn2Perturb.Models;

/// <summary>
/// Where a ResNet's perturbation-injection modules sit (docs/method.md §1 "Where the modules sit"; an ablation of §7). The
/// paper places one after the stem's BatchNorm and one per residual block, after the residual sum; the other two
/// placements keep only one of those groups, to show which of them carries the defence.
/// </summary>
public enum NoisePlacement
{
    /// <summary>The paper: after the stem (conv → BN → +noise → ReLU) and after every residual sum.</summary>
    StemAndBlocks,
    /// <summary>After every residual sum only; the stem is noise-free.</summary>
    BlocksOnly,
    /// <summary>After the stem only; the residual blocks are noise-free.</summary>
    StemOnly,
}

public static class NoisePlacements
{
    /// <summary>Whether the stem has a perturbation-injection module.</summary>
    public static bool HasStem(this NoisePlacement placement) => placement is NoisePlacement.StemAndBlocks or NoisePlacement.StemOnly;

    /// <summary>Whether every residual block has a perturbation-injection module.</summary>
    public static bool HasBlocks(this NoisePlacement placement) => placement is NoisePlacement.StemAndBlocks or NoisePlacement.BlocksOnly;
}

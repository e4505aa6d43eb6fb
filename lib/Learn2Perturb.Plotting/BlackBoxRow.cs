namespace Learn2Perturb.Plotting;

/// <summary>
/// One defence under the black-box attacks (docs/method.md §5): accuracy (percent, "mean ± std" over <see cref="Repeats"/>)
/// clean, under FGSM and PGD-7 at 8/255 white-box and transferred from <see cref="Source"/>; the k-pixel attacks'
/// success rate among the correctly classified images (and the share attacked); and whether the black-box ≥ white-box
/// sanity check (docs/method.md §7) passed. <see cref="Paper"/> says the paper gives no number (docs/method.md §6).
/// </summary>
public sealed record BlackBoxRow(string Defence, int Repeats, string Clean, string FgsmWhiteBox, string FgsmTransfer,
    string PgdWhiteBox, string PgdTransfer, string Source, string OnePixel, string TwoPixels, string ThreePixels,
    string BlackBoxCheck, string Paper);

namespace Learn2Perturb.Plotting;

/// <summary>
/// The final θ of one perturbation-injection module (docs/method.md §7 "Learned noise"): its feature-map shape, the mean,
/// population std, min and max over its elements (4 decimals), and the share of elements held at θmin by the projection.
/// </summary>
public sealed record NoiseTableRow(string Module, string Shape, int Elements, string Mean, string Std, string Min, string Max, string AtThetaMin);

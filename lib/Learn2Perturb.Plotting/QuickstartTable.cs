using Learn2Perturb.Experiments;
using Learn2Perturb.Training;

namespace Learn2Perturb.Plotting;

/// <summary>One row of the quickstart's measured-vs-paper table (accuracies in percent, as "mean ± std").</summary>
public sealed record QuickstartTableRow(string Defence, string Model, string Clean, string Fgsm, string Pgd, int Repeats,
    double TrainSeconds, string PaperCifar10);

/// <summary>
/// The quickstart's table: measured clean/FGSM/PGD accuracy next to the paper's Table 1 ResNet-V1(20) row (docs/method.md §6).
/// The paper's numbers are on CIFAR-10 with the full schedule; the quickstart trains on Fashion-MNIST, so the paper
/// column is a reference for the ordering of the defences, not a target for the values.
/// </summary>
public static class QuickstartTable
{
    /// <summary>docs/method.md §6, Table 1, ResNet-V1(20): clean, FGSM, PGD.</summary>
    private static readonly Dictionary<Defense, (double Clean, double Fgsm, double Pgd)> PaperV1_20 = new()
    {
        [Defense.None] = (92.1, 14.1, 0.0),
        [Defense.Vanilla] = (83.8, 46.6, 39.1),
        [Defense.Learn2Perturb] = (83.62, 58.41, 51.13),
    };

    public static IReadOnlyList<QuickstartTableRow> Rows(QuickstartReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Rows.Select(r => new QuickstartTableRow(r.Defense, r.Model, r.Clean.ToString(), r.Fgsm.ToString(),
            r.Pgd.ToString(), r.Repeats, Math.Round(r.TrainSeconds, 1), Paper(r.Defense))).ToList();
    }

    private static string Paper(string defense) =>
        PaperV1_20.TryGetValue(DefenseNames.Parse(defense), out var p) ? $"clean {p.Clean:F2}, FGSM {p.Fgsm:F2}, PGD {p.Pgd:F2}" : "not in the paper";
}

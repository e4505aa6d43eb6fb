using System.Globalization;
using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Plotting;

/// <summary>
/// What the single-model notebooks (03–06, 09, 10) found, computed from their results, so a re-run never leaves stale
/// prose behind. Each method returns sentences for <see cref="HtmlFragment.FromLines"/>; every comparison between two
/// numbers says whether it exceeds the repeats' noise by <see cref="Rule"/>.
/// </summary>
public static class Findings
{
    /// <summary>The rule every comparison below is read by.</summary>
    public const string Rule =
        "The rule: a difference counts as beyond the repeats' noise when it exceeds 2·√(s₁² + s₂²) + 0.5 points (s: the two " +
        "std over repeats; SanityChecks.Slack). The repeats re-draw noise and attack starts, not the training: these are " +
        "one trained model per defence, and retrained models of one config differ by up to ≈ 2 points at quick scale, so even a " +
        "difference beyond the repeats' noise is not yet an effect of the defence (notebooks 01, 07 and 08 run seeds).";

    /// <summary>Notebook 03: accuracy along the ε sweeps, at the table budget and at the largest ε; whether every curve falls.</summary>
    public static IReadOnlyList<string> EpsilonSweeps(IReadOnlyList<EvaluationResult> results)
    {
        Require(results);
        var lines = new List<string>();
        foreach (var (kind, name) in new[] { ("pgd", "PGD-7"), ("fgsm", "FGSM") })
        {
            var curves = results.Select(r => (Defence: r.Defense, Points: ResultCells.Sweep(r, kind))).Where(c => c.Points.Count > 0).ToList();
            if (curves.Count == 0) continue;
            var atTable = results.Select(r => (Defence: r.Defense, Accuracy: ResultCells.Measured(r, kind))).Where(c => c.Accuracy is not null).ToList();
            if (atTable.Count > 0)
                lines.Add($"{name} at ε = {Budget(ResultCells.TableEpsilon(results[0]))} (mean ± std over repeats): {List(atTable.Select(c => (c.Defence, c.Accuracy!)))}; " +
                          $"lowest: {atTable.MinBy(c => c.Accuracy!.Mean).Defence}.");
            var rises = curves.SelectMany(c => c.Points.Zip(c.Points.Skip(1))
                    .Where(p => p.Second.Accuracy.Mean - p.First.Accuracy.Mean > SanityChecks.Slack(p.First.Accuracy, p.Second.Accuracy))
                    .Select(p => $"{c.Defence} ({F(p.First.Accuracy.Mean)} % at {p.First.Epsilon255:0.##}/255 → {F(p.Second.Accuracy.Mean)} % at {p.Second.Epsilon255:0.##}/255)"))
                .ToList();
            lines.Add(rises.Count == 0
                ? $"Every {name} curve falls or stays level as ε grows (no rise beyond the repeats' noise)."
                : $"{name} accuracy rises with ε beyond the repeats' noise for {string.Join("; ", rises)}: a sign of gradient masking to check in notebook 09.");
            var largest = curves.Select(c => (c.Defence, Last: c.Points[^1])).ToList();
            lines.Add($"{name} at the largest ε of the sweep: {string.Join(", ", largest.Select(c => $"{c.Defence} {F(c.Last.Accuracy.Mean)} % at {c.Last.Epsilon255:0.##}/255"))}.");
        }
        lines.AddRange(AgainstL2p(results, r => ResultCells.Measured(r, "pgd"), $"PGD-7 at ε = {Budget(ResultCells.TableEpsilon(results[0]))}"));
        lines.Add(Rule);
        return lines;
    }

    /// <summary>Notebook 04: C&amp;W's success rate and mean L2 from the smallest to the largest κ, and the defences compared at the smallest.</summary>
    public static IReadOnlyList<string> CwKappa(IReadOnlyList<EvaluationResult> results)
    {
        Require(results);
        var lines = new List<string>();
        var cw = results.Select(r => (Defence: r.Defense, Reports: CwKappaTable.CwReports(r))).ToList();
        foreach (var (defence, reports) in cw)
        {
            var (first, last) = (reports[0], reports[^1]);
            double images = first.Report.Attempted.Mean / 100 * first.Report.Samples;
            lines.Add($"{defence}: success {F(first.Report.SuccessRate.Mean)} % at κ = {first.Kappa:0.##} → {F(last.Report.SuccessRate.Mean)} % at κ = {last.Kappa:0.##}; " +
                      $"mean L2 of the successes {Distance(first.Report)} → {Distance(last.Report)}; ≈ {images:F0} images attacked " +
                      $"(one image ≈ {(images > 0 ? 100 / images : double.NaN):F1} points).");
        }
        double kappa = cw[0].Reports[0].Kappa;
        var succeeded = cw.Where(c => double.IsFinite(c.Reports[0].Report.MeanDistance.Mean)).ToList();
        var rates = cw.Select(c => c.Reports[0].Report.SuccessRate.Mean).ToList();
        lines.Add($"At κ = {kappa:0.##}: " + (rates.Max() == rates.Min() ? "the same success rate against every defence, " : $"lowest success rate {cw.MinBy(c => c.Reports[0].Report.SuccessRate.Mean).Defence}, ") +
                  (succeeded.Count == 0 ? "and no success against any defence, so no distance to compare."
                      : $"largest mean L2 {succeeded.MaxBy(c => c.Reports[0].Report.MeanDistance.Mean).Defence}."));
        lines.AddRange(AgainstL2p(results, r => CwKappaTable.CwReports(r)[0].Report.SuccessRate, $"C&W success rate at κ = {kappa:0.##}", lowerIsBetter: true));
        lines.Add(Rule);
        return lines;
    }

    /// <summary>Notebook 05: the black-box ≤ white-box check, how far transfer stays above white-box, and the k-pixel success rates.</summary>
    public static IReadOnlyList<string> BlackBox(IReadOnlyList<EvaluationResult> results)
    {
        Require(results);
        var lines = new List<string>();
        var warned = results.Where(r => r.Report.Warnings.Any(w => w.Check == SanityCheck.BlackBoxBeatsWhiteBox)).Select(r => r.Defense).ToList();
        lines.Add(warned.Count == 0
            ? $"Black-box never beat white-box: the stored check passed for all {results.Count} defences."
            : $"Black-box beat white-box beyond the repeats' noise for {string.Join(", ", warned)} ({warned.Count} of {results.Count}): their white-box numbers may be inflated by masked gradients.");
        foreach (var (kind, name) in new[] { ("pgd", "PGD-7"), ("fgsm", "FGSM") })
        {
            var gaps = results.Select(r => (r.Defense, White: ResultCells.Measured(r, kind), Transfer: BlackBoxTable.Transferred(r, kind)))
                .Where(g => g.White is not null && g.Transfer is not null).ToList();
            if (gaps.Count == 0) continue;
            lines.Add($"{name} transferred from {BlackBoxTable.Sources(results[0])}: {List(gaps.Select(g => (g.Defense, g.Transfer!)))} " +
                      $"(transfer − white-box: {string.Join(", ", gaps.Select(g => $"{g.Defense} {Signed(g.Transfer!.Mean - g.White!.Mean)}"))}); " +
                      $"it hurts {gaps.MinBy(g => g.Transfer!.Mean).Defense} most.");
        }
        foreach (int pixels in new[] { 1, 2, 3 })
        {
            var rates = results.Select(r => (r.Defense, Report: BlackBoxTable.FewPixel(r, pixels))).Where(p => p.Report is not null).ToList();
            if (rates.Count > 0)
                lines.Add($"{pixels}-pixel success rate among correctly classified images: {List(rates.Select(p => (p.Defense, p.Report!.SuccessRate)))}.");
        }
        lines.AddRange(AgainstL2p(results, r => BlackBoxTable.Transferred(r, "pgd"), "transferred PGD-7"));
        lines.Add(Rule);
        return lines;
    }

    /// <summary>
    /// Notebook 06: per model and attack, accuracy with one noise draw per gradient against the lowest over more draws,
    /// and the models compared at the most draws.
    /// </summary>
    public static IReadOnlyList<string> Eot(IReadOnlyList<EvaluationResult> results, params string[] kinds)
    {
        Require(results);
        if (kinds.Length == 0) kinds = ["pgd"];
        var labels = ExperimentLabels.Distinguishing(results);
        var lines = new List<string>();
        var atMost = new List<(string Model, string Kind, MeanStd Accuracy, double K)>();
        for (int i = 0; i < results.Count; i++)
            foreach (var kind in kinds.Where(k => StrengthSweeps.Holds(results[i], k, StrengthParameter.EotSamples)))
            {
                var points = StrengthSweeps.Of(results[i], kind, StrengthParameter.EotSamples).Points;
                var first = points[0];
                var lowest = points.Skip(1).MinBy(p => p.Accuracy.Mean)!;
                double drop = lowest.Accuracy.Mean - first.Accuracy.Mean;
                lines.Add($"{labels[i]}, {kind}: {F(first.Accuracy.Mean)} % with K = {first.Value:0} → lowest {F(lowest.Accuracy.Mean)} % at K = {lowest.Value:0} " +
                          $"({Signed(drop)}, {Beyond(drop, first.Accuracy, lowest.Accuracy)}); {F(points[^1].Accuracy.Mean)} % at K = {points[^1].Value:0}.");
                atMost.Add((labels[i], kind, points[^1].Accuracy, points[^1].Value));
            }
        foreach (var group in atMost.GroupBy(a => a.Kind).Where(g => g.Count() > 1))
        {
            var (a, b) = (group.First(), group.Skip(1).First());
            double d = a.Accuracy.Mean - b.Accuracy.Mean;
            lines.Add($"{group.Key} at the most draws: {a.Model} − {b.Model} {Signed(d)} ({Beyond(d, a.Accuracy, b.Accuracy)}).");
        }
        lines.Add(Rule);
        return lines;
    }

    /// <summary>
    /// Notebook 09: per defence, how much the strongest attack of the AutoAttack evaluation takes off the table's PGD-7,
    /// the sanity checks' verdicts, accuracy at the largest ε, and the defences compared under PGD-7 and the worst case.
    /// </summary>
    public static IReadOnlyList<string> Adaptive(IReadOnlyList<EvaluationResult> sweeps, IReadOnlyList<EvaluationResult> autoattack)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        Require(autoattack);
        var lines = new List<string>();
        foreach (var r in autoattack)
        {
            var pgd = ResultCells.Measured(r, "pgd");
            var measured = r.Config.Attacks.Where(a => r.Report.Attacks.ContainsKey(a.Name)).Select(a => (a.Name, Accuracy: r.Report.Attacks[a.Name])).ToList();
            if (measured.Count == 0) continue;
            var lowest = measured.MinBy(m => m.Accuracy.Mean);
            var worst = Worst(r);
            lines.Add($"{r.Defense}: PGD-7 {(pgd is null ? "not measured" : F(pgd.Mean) + " %")}; strongest single attack {lowest.Name} {F(lowest.Accuracy.Mean)} %" +
                      (pgd is null ? "" : $" ({Signed(lowest.Accuracy.Mean - pgd.Mean)}, {Beyond(lowest.Accuracy.Mean - pgd.Mean, pgd, lowest.Accuracy)})") +
                      (r.Report.WorstCase is { } w ? $"; per-image worst case {F(w.Mean)} %." : "."));
        }
        var checks = SanityTable.Rows(sweeps, autoattack);
        foreach (var defence in checks.GroupBy(c => c.Defence))
        {
            var warned = defence.Where(c => c.Verdict == SanityTable.Warning).Select(c => c.Check).ToList();
            lines.Add(warned.Count == 0
                ? $"{defence.Key}: all {defence.Count()} gradient-masking checks passed."
                : $"{defence.Key}: {warned.Count} of {defence.Count()} checks warned: {string.Join("; ", warned)}.");
        }
        foreach (var r in sweeps.Where(s => StrengthSweeps.Holds(s, "pgd", StrengthParameter.Epsilon)))
        {
            var last = StrengthSweeps.Of(r, "pgd", StrengthParameter.Epsilon).Points[^1];
            lines.Add($"{r.Defense}: {F(last.Accuracy.Mean)} % left at the largest ε, {last.Value * 255:0.##}/255.");
        }
        lines.AddRange(AgainstL2p(autoattack, r => ResultCells.Measured(r, "pgd"), "PGD-7"));
        lines.AddRange(AgainstL2p(autoattack, Worst, "the worst case"));
        lines.Add(Rule);
        return lines;
    }

    /// <summary>Notebook 10: where the learned θ ended, module by module, against θ0 and θmin.</summary>
    public static IReadOnlyList<string> LearnedNoise(LearnedTheta theta, double theta0 = PerturbationInjection.DefaultTheta0)
    {
        ArgumentNullException.ThrowIfNull(theta);
        if (theta.Modules.Count == 0) throw new ArgumentException($"'{theta.Experiment}' has no θ modules", nameof(theta));
        var m = theta.Modules;
        var lowest = m.MinBy(x => x.Mean)!;
        var highest = m.MaxBy(x => x.Mean)!;
        var widest = m.MaxBy(x => x.Std)!;
        double atMin = m.Sum(x => x.FractionAtThetaMin * x.Values.Count) / m.Sum(x => x.Values.Count);
        return
        [
            $"After {theta.Epochs} epochs the {m.Count} modules' mean θ lie between {F4(lowest.Mean)} ({lowest.Label}) and {F4(highest.Mean)} ({highest.Label}), " +
            $"from θ0 = {F4(theta0)}: {(lowest.Mean > theta0 ? "every module rose" : highest.Mean < theta0 ? "every module fell" : "some rose, some fell")}.",
            $"Element-wise θ spans {F4(m.Min(x => x.Min))}–{F4(m.Max(x => x.Max))}; {(100 * atMin).ToString("F1", CultureInfo.InvariantCulture)} % of the elements " +
            $"sit at θmin = {F4(m[0].ThetaMin)}.",
            $"Widest spread within a module: {widest.Label} (std {F4(widest.Std)}); narrowest: {m.MinBy(x => x.Std)!.Label} (std {F4(m.Min(x => x.Std))}).",
        ];
    }

    /// <summary>Learn2Perturb − each other defence under <paramref name="measure"/>; nothing when no l2p result is among them.</summary>
    private static IEnumerable<string> AgainstL2p(IReadOnlyList<EvaluationResult> results, Func<EvaluationResult, MeanStd?> measure, string what, bool lowerIsBetter = false)
    {
        var l2p = results.FirstOrDefault(r => r.Defense == "l2p");
        if (l2p is null || measure(l2p) is not { } ours) yield break;
        var gaps = results.Where(r => r != l2p && measure(r) is not null)
            .Select(r => (r.Defense, Other: measure(r)!))
            .Select(g => $"{g.Defense} {Signed(ours.Mean - g.Other.Mean)} ({Beyond(ours.Mean - g.Other.Mean, ours, g.Other)})")
            .ToList();
        if (gaps.Count > 0)
            yield return $"l2p − the others under {what}{(lowerIsBetter ? " (lower is better for the defence)" : "")}: {string.Join("; ", gaps)}.";
    }

    private static MeanStd? Worst(EvaluationResult r) => r.Report.WorstCase ??
        r.Config.Attacks.Where(a => r.Report.Attacks.ContainsKey(a.Name)).Select(a => r.Report.Attacks[a.Name]).MinBy(a => a.Mean);

    private static string Beyond(double difference, MeanStd a, MeanStd b)
    {
        double slack = SanityChecks.Slack(a, b);
        return Math.Abs(difference) > slack ? $"beyond the repeats' noise, ±{F(slack)}" : $"within the repeats' noise, ±{F(slack)}";
    }

    private static string List(IEnumerable<(string Name, MeanStd Value)> cells) => string.Join(", ", cells.Select(c => $"{c.Name} {c.Value}"));

    private static string Distance(MinimalAttackReport report) => double.IsFinite(report.MeanDistance.Mean) ? F(report.MeanDistance.Mean) : "none (no success)";

    private static string Budget(double epsilon) => (epsilon * 255) is var e && Math.Abs(e - Math.Round(e)) < 1e-6
        ? $"{Math.Round(e):0}/255" : epsilon.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);

    private static void Require(IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("no results to describe", nameof(results));
    }
}

using Learn2Perturb.Evaluation;
using Learn2Perturb.Experiments;
using Learn2Perturb.Plotting;
using Learn2Perturb.Tests.Evaluation;

namespace Learn2Perturb.Tests.Plotting;

/// <summary>The computed findings of notebooks 03–06, 09 and 10: the numbers they quote and the verdicts of the slack rule.</summary>
public sealed class FindingsTests
{
    private const double Eps = 8.0 / 255;

    private static AttackSpec Pgd(double eps255, int eot = 1) => AttackSpec.Pgd(eps255 / 255) with { EotSamples = eot };

    /// <summary>An ε sweep: PGD at 0, 8 and 16/255 with the given accuracies, std 0.5 over 3 repeats.</summary>
    private static EvaluationResult Sweep(string defense, double at0, double at8, double at16) =>
        StrengthSweepTests.Result($"figure5/cifar100/{defense}", [(Pgd(0), at0, 0.5), (Pgd(8), at8, 0.5), (Pgd(16), at16, 0.5)], defense);

    [Fact]
    public void The_epsilon_findings_quote_the_table_budget_flag_a_rising_curve_and_judge_l2p_by_the_slack()
    {
        // Slack for two std of 0.5: 2·√0.5 + 0.5 = 1.91.
        var lines = Findings.EpsilonSweeps([Sweep("none", 90, 10, 1), Sweep("vanilla", 80, 60, 30), Sweep("l2p", 80, 61, 35)]);

        Assert.Contains("PGD-7 at ε = 8/255 (mean ± std over repeats): none 10.00 ± 0.50, vanilla 60.00 ± 0.50, l2p 61.00 ± 0.50; lowest: none.", lines);
        Assert.Contains("Every PGD-7 curve falls or stays level as ε grows (no rise beyond the repeats' noise).", lines);
        Assert.Contains("PGD-7 at the largest ε of the sweep: none 1.00 % at 16/255, vanilla 30.00 % at 16/255, l2p 35.00 % at 16/255.", lines);
        Assert.Contains("l2p − the others under PGD-7 at ε = 8/255: none +51.00 (beyond the repeats' noise, ±1.91); vanilla +1.00 (within the repeats' noise, ±1.91).", lines);
        Assert.Equal(Findings.Rule, lines[^1]);

        var rising = Findings.EpsilonSweeps([Sweep("pni-w", 80, 50, 53)]);
        Assert.Contains(rising, l => l.StartsWith("PGD-7 accuracy rises with ε beyond the repeats' noise for pni-w (50.00 % at 8/255 → 53.00 % at 16/255)"));
        Assert.DoesNotContain(rising, l => l.StartsWith("l2p −")); // no l2p result: no comparison
    }

    [Fact]
    public void The_cw_findings_go_from_the_smallest_to_the_largest_kappa_and_compare_success_rates_at_the_smallest()
    {
        // Cw(defense, s): κ = 0, 2, 5 with success s − κ (std 1), mean L2 1 + κ/10, 80 % of 100 images attacked.
        var lines = Findings.CwKappa([BlackBoxChartTests.Cw("none", 90), BlackBoxChartTests.Cw("l2p", 60)]);

        Assert.Equal("none: success 90.00 % at κ = 0 → 85.00 % at κ = 5; mean L2 of the successes 1.00 → 1.50; ≈ 80 images attacked (one image ≈ 1.2 points).", lines[0]);
        Assert.Contains("At κ = 0: lowest success rate l2p, largest mean L2 none.", lines);
        Assert.Contains("l2p − the others under C&W success rate at κ = 0 (lower is better for the defence): none −30.00 (beyond the repeats' noise, ±3.33).", lines);

        // No success at the smallest κ (a few smoke images): no distance to compare, and no exception.
        var failed = BlackBoxChartTests.Cw("l2p", 60);
        failed = failed with { MinimalReports = [.. failed.MinimalReports!.Select(m => m with { MeanDistance = new MeanStd(double.NaN, 0, 2) })] };
        Assert.Contains("At κ = 0: the same success rate against every defence, and no success against any defence, so no distance to compare.", Findings.CwKappa([failed]));
        Assert.Contains("none (no success)", Findings.CwKappa([failed])[0]);
    }

    [Fact]
    public void The_black_box_findings_report_the_stored_check_the_transfer_gap_and_the_pixel_attacks()
    {
        var masked = new SanityWarning(SanityCheck.BlackBoxBeatsWhiteBox, "black-box beat white-box");
        var lines = Findings.BlackBox([BlackBoxChartTests.BlackBox("none", 1, 5), BlackBoxChartTests.BlackBox("l2p", 40, 42)]);

        Assert.Equal("Black-box never beat white-box: the stored check passed for all 2 defences.", lines[0]);
        Assert.Contains("PGD-7 transferred from none-seed1: none 5.00 ± 1.50, l2p 42.00 ± 1.50 (transfer − white-box: none +4.00, l2p +2.00); it hurts none most.", lines);
        Assert.Contains("2-pixel success rate among correctly classified images: none 20.00 ± 1.00, l2p 20.00 ± 1.00.", lines);
        Assert.Contains("l2p − the others under transferred PGD-7: none +37.00 (beyond the repeats' noise, ±4.74).", lines);

        var warned = Findings.BlackBox([BlackBoxChartTests.BlackBox("pni-w", 40, 30, masked), BlackBoxChartTests.BlackBox("l2p", 40, 60)]);
        Assert.StartsWith("Black-box beat white-box beyond the repeats' noise for pni-w (1 of 2)", warned[0]);
    }

    [Fact]
    public void The_eot_findings_compare_one_draw_with_the_lowest_over_more_draws_and_the_models_at_the_most()
    {
        var perSample = StrengthSweepTests.Result("eot/per-sample", [(Pgd(8, 1), 71, 1), (Pgd(8, 2), 68, 1), (Pgd(8, 20), 69, 1)]);
        var shared = StrengthSweepTests.Result("eot/shared", [(Pgd(8, 1), 70, 0.5), (Pgd(8, 2), 70, 0.5), (Pgd(8, 20), 69.5, 0.5)]);

        var lines = Findings.Eot([perSample, shared], "pgd");

        // Slack for std 1 and 1: 2·√2 + 0.5 = 3.33; for 0.5 and 0.5: 1.91; for 1 and 0.5: 2.74.
        Assert.Equal("per-sample, pgd: 71.00 % with K = 1 → lowest 68.00 % at K = 2 (−3.00, within the repeats' noise, ±3.33); 69.00 % at K = 20.", lines[0]);
        Assert.Equal("shared, pgd: 70.00 % with K = 1 → lowest 69.50 % at K = 20 (−0.50, within the repeats' noise, ±1.91); 69.50 % at K = 20.", lines[1]);
        Assert.Equal("pgd at the most draws: per-sample − shared −0.50 (within the repeats' noise, ±2.74).", lines[2]);
    }

    [Fact]
    public void The_adaptive_findings_take_the_strongest_attack_off_pgd_and_list_the_checks_that_warned()
    {
        var l2p = StrengthSweepTests.Result("adaptive/resnet-v1-20/l2p/autoattack",
            [(AttackSpec.Fgsm(Eps), 55, 1), (AttackSpec.Pgd(Eps), 45, 1), (AttackSpec.Apgd("apgd-ce", Eps, 20, 4), 30, 1)]);
        var vanilla = StrengthSweepTests.Result("adaptive/resnet-v1-20/vanilla/autoattack",
            [(AttackSpec.Fgsm(Eps), 50, 0), (AttackSpec.Pgd(Eps), 40, 0), (AttackSpec.Apgd("apgd-ce", Eps, 20, 4), 39, 0)], "vanilla");
        var epsilon = StrengthSweepTests.Result("adaptive/resnet-v1-20/l2p/epsilon", [(Pgd(2), 70, 1), (Pgd(8), 45, 1), (Pgd(64) with { StepSize = 0.09 }, 20, 1)]);

        var lines = Findings.Adaptive([epsilon], [l2p, vanilla]);

        Assert.Equal("l2p: PGD-7 45.00 %; strongest single attack apgd-ce-20-eot4@8/255 30.00 % (−15.00, beyond the repeats' noise, ±3.33).", lines[0]);
        Assert.Equal("vanilla: PGD-7 40.00 %; strongest single attack apgd-ce-20-eot4@8/255 39.00 % (−1.00, beyond the repeats' noise, ±0.50).", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("l2p: ") && l.Contains("checks warned: accuracy → 0 as ε grows"));
        Assert.Contains("l2p: 20.00 % left at the largest ε, 64/255.", lines);
        Assert.Contains("l2p − the others under PGD-7: vanilla +5.00 (beyond the repeats' noise, ±2.50).", lines);
        Assert.Contains("l2p − the others under the worst case: vanilla −9.00 (beyond the repeats' noise, ±2.50).", lines);
    }

    [Fact]
    public void The_noise_findings_place_theta_against_theta0_and_theta_min()
    {
        var theta = new LearnedTheta("table1/resnet-v1-20/l2p", "run", 3,
        [
            new ThetaMap("noise", [1, 2, 2], [0.01f, 0.01f, 0.3f, 0.5f], 0.01),
            new ThetaMap("blocks.0_0.noise", [2, 1, 1], [0.2f, 0.4f], 0.01),
        ]);

        var lines = Findings.LearnedNoise(theta);

        Assert.Equal("After 3 epochs the 2 modules' mean θ lie between 0.2050 (stem) and 0.3000 (block 0_0), from θ0 = 0.2500: some rose, some fell.", lines[0]);
        Assert.Equal("Element-wise θ spans 0.0100–0.5000; 33.3 % of the elements sit at θmin = 0.0100.", lines[1]);
        Assert.StartsWith("Widest spread within a module: stem", lines[2]);
        Assert.Contains("every module rose", Findings.LearnedNoise(theta, theta0: 0.1)[0]);
    }

    [Fact]
    public void Findings_of_nothing_are_refused_by_name()
    {
        Assert.Contains("no results", Assert.Throws<ArgumentException>(() => Findings.EpsilonSweeps([])).Message);
        Assert.Contains("no C&W", Assert.Throws<ArgumentException>(() => Findings.CwKappa([BlackBoxChartTests.BlackBox("l2p", 40, 60)])).Message);
    }
}

using Learn2Perturb.Evaluation;

namespace Learn2Perturb.Tests.Evaluation;

public sealed class IntervalTests
{
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(2, 4.3027)]
    [InlineData(4, 2.7764)]
    [InlineData(9, 2.2622)]
    [InlineData(30, 2.0423)]
    [InlineData(1000, 1.9623)]
    public void The_t_quantile_matches_published_tables(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(0.975, degreesOfFreedom), 3);

    [Fact]
    public void The_t_cdf_is_symmetric_and_inverts_the_quantile()
    {
        Assert.Equal(0.5, StudentT.Cdf(0, 3), 12);
        Assert.Equal(1 - StudentT.Cdf(1.3, 5), StudentT.Cdf(-1.3, 5), 12);
        Assert.Equal(0.9, StudentT.Cdf(StudentT.Quantile(0.9, 7), 7), 9);
        Assert.Equal(0.75, StudentT.Cdf(1, 1), 9); // Cauchy: ½ + atan(1)/π
    }

    [Fact]
    public void Ninety_five_percent_of_intervals_over_three_normal_seeds_cover_the_true_mean()
    {
        // With n = 3 a normal quantile (1.96) would cover only ≈ 80 %: the t quantile is what makes 3 seeds honest.
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        int trials = 4000, covered = 0;
        for (int i = 0; i < trials; i++)
        {
            var interval = Interval.Of([70 + 2 * Normal(), 70 + 2 * Normal(), 70 + 2 * Normal()]);
            if (interval.Low <= 70 && 70 <= interval.High) covered++;
        }
        Assert.InRange(covered / (double)trials, 0.935, 0.965);
    }

    [Fact]
    public void Mean_and_half_width_by_hand()
    {
        var i = Interval.Of([1.0, 2.0, 3.0]); // sd 1, half-width t(2)·1/√3
        Assert.Equal(2.0, i.Mean, 12);
        Assert.Equal(4.302653 / Math.Sqrt(3), i.HalfWidth, 5);
        Assert.Equal(3, i.N);
        Assert.Equal("2.00 ± 2.48 (n = 3)", i.ToString());
    }

    [Fact]
    public void One_seed_has_no_interval_and_resolves_nothing()
    {
        var i = Interval.Of([74.5]);
        Assert.False(i.HasWidth);
        Assert.False(i.ExcludesZero);
        Assert.Equal("74.50 (n = 1, no interval)", i.ToString());
    }

    [Fact]
    public void Paired_differences_remove_what_the_seeds_share()
    {
        // Seeds that move both variants together: unpaired intervals overlap, the paired difference is resolved.
        double[] baseline = [70, 74, 78], variant = [71, 75.2, 78.9];
        Assert.True(Interval.Of(variant).Low < Interval.Of(baseline).High);
        var d = Interval.OfDifferences(variant, baseline);
        Assert.Equal(1.033, d.Mean, 3);
        Assert.True(d.ExcludesZero);
        Assert.Equal("+1.03 ± 0.38 (n = 3)", d.ToSignedString());
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => Interval.Of([])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => Interval.Of([1, double.NaN])).Message);
        Assert.Contains("one value per seed", Assert.Throws<ArgumentException>(() => Interval.OfDifferences([1, 2], [1])).Message);
    }
}

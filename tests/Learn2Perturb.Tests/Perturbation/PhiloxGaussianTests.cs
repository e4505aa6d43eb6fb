using Learn2Perturb.Perturbation;

namespace Learn2Perturb.Tests.Perturbation;

/// <summary>The generator against its published answers, its float math against double precision, and its lane widths and thread counts against each other.</summary>
public sealed class PhiloxGaussianTests
{
    // Random123's tests/kat_vectors (github.com/DEShawResearch/random123), the three "philox4x32 10" lines:
    // counter (4 words), key (2 words), expected output (4 words).
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void PhiloxMatchesTheRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Assert.Equal((e0, e1, e2, e3), Philox.Block(c0, c1, c2, c3, k0, k1));
    }

    [Fact]
    public void EachValueIsBoxMullerOfItsCounterInDoublePrecision()
    {
        ulong key = 0x0123456789ABCDEF;
        var z = Draw(4 * 1024, key, 1, LaneWidth.Scalar);
        double worst = 0;
        for (int e = 0; e < z.Length; e++)
        {
            long group = e / 32, word = e % 32 / 8, lane = e % 8;
            var (w0, w1, w2, w3) = Philox.Block((uint)(group * 8 + lane), 0, 0, 0, (uint)key, (uint)(key >> 32));
            var (a, b) = word < 2 ? (w0, w1) : (w2, w3);
            double r = Math.Sqrt(-2 * Math.Log(((a >> 8) + 1) / 16777216.0));
            double angle = 2 * Math.PI * ((b >> 8) / 16777216.0);
            double expected = word % 2 == 0 ? r * Math.Cos(angle) : r * Math.Sin(angle);
            worst = Math.Max(worst, Math.Abs(z[e] - expected));
        }
        Assert.True(worst < 2e-6, $"largest difference from double-precision Box–Muller: {worst:g3}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(100_003)]
    [InlineData(2048 * 32 * 3 + 17)]
    public void EveryLaneWidthAndThreadCountGivesTheSameBits(int count)
    {
        const ulong key = 42;
        var reference = Draw(count, key, 1, LaneWidth.Scalar);
        foreach (var width in new[] { LaneWidth.Scalar, LaneWidth.Vector128, LaneWidth.Vector256 })
            foreach (int threads in new[] { 1, 2, 3 })
                Assert.True(reference.AsSpan().SequenceEqual(Draw(count, key, threads, width)), $"{width} at {threads} threads differs from scalar at 1");
    }

    [Fact]
    public void TenMillionDrawsHaveStandardNormalMomentsAndDistribution()
    {
        const int n = 10_000_000;
        var z = Draw(n, 7, 2, PhiloxGaussian.Widest);
        double mean = z.Average(v => (double)v);
        double variance = z.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double fourth = z.Sum(v => Math.Pow(v - mean, 4)) / n;
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / n), 1 + 5 * Math.Sqrt(2.0 / n));
        Assert.InRange(fourth, 3 - 5 * Math.Sqrt(96.0 / n), 3 + 5 * Math.Sqrt(96.0 / n)); // kurtosis 3; var of z⁴ is 96
        Array.Sort(z);
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double cdf = NormalCdf(z[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - cdf, cdf - (double)i / n));
        }
        // Kolmogorov–Smirnov: √n·D exceeds 1.95 with probability 0.001 under N(0, 1).
        Assert.True(Math.Sqrt(n) * d < 1.95, $"KS statistic √n·D = {Math.Sqrt(n) * d:F3}");
    }

    [Theory]
    [InlineData(1)]            // neighbouring values: adjacent lanes of one vector
    [InlineData(8)]            // cosine and sine of one Box–Muller pair
    [InlineData(16)]           // the two pairs of one Philox block
    [InlineData(32)]           // neighbouring groups
    [InlineData(2048 * 32)]    // neighbouring chunks, i.e. different threads
    public void ValuesAtThisDistanceAreUncorrelated(int lag)
    {
        const int n = 1_000_000;
        var z = Draw(n + lag, 11, 2, PhiloxGaussian.Widest);
        double r = Correlation(z.AsSpan(0, n), z.AsSpan(lag, n));
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(n), $"correlation at lag {lag}: {r:g3}");
        // Dependence without correlation would show in squares (Box–Muller's pair shares r): E[z²w²] = 1 for independent values.
        double squares = 0;
        for (int i = 0; i < n; i++) squares += (double)z[i] * z[i] * z[i + lag] * z[i + lag];
        Assert.InRange(squares / n, 1 - 5 * Math.Sqrt(8.0 / n), 1 + 5 * Math.Sqrt(8.0 / n));
    }

    [Fact]
    public void NeighbouringKeysGiveUncorrelatedStreams()
    {
        const int n = 1_000_000;
        var a = Draw(n, 1000, 2, PhiloxGaussian.Widest);
        var b = Draw(n, 1001, 2, PhiloxGaussian.Widest);
        Assert.True(Math.Abs(Correlation(a, b)) < 5 / Math.Sqrt(n));
    }

    internal static float[] Draw(int count, ulong key, int threads, LaneWidth width)
    {
        var values = new float[count];
        PhiloxGaussian.Fill(values, key, threads, width);
        return values;
    }

    private static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length; mb /= b.Length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i] - ma, y = b[i] - mb;
            ab += x * y; aa += x * x; bb += y * y;
        }
        return ab / Math.Sqrt(aa * bb);
    }

    /// <summary>Φ(x) through erfc, Abramowitz and Stegun 7.1.26 (absolute error below 1.5·10⁻⁷, far under the KS bound).</summary>
    private static double NormalCdf(double x)
    {
        double t0 = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * t0);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erfc = poly * Math.Exp(-t0 * t0);
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}

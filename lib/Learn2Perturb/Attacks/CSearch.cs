namespace Learn2Perturb.Attacks;

/// <summary>
/// The per-sample binary search over C&amp;W's constant c: after a successful round c is lowered towards the largest
/// failing c, after a failed round it is raised (×10 until some round has succeeded, then bisected).
/// </summary>
internal sealed class CSearch
{
    // Carlini & Wagner's sentinel for "no successful c yet".
    private const double NoUpperBound = 1e10;
    private readonly double[] lower, upper;

    public CSearch(int n, double initialC)
    {
        C = Enumerable.Repeat(initialC, n).ToArray();
        lower = new double[n];
        upper = Enumerable.Repeat(NoUpperBound, n).ToArray();
    }

    public double[] C { get; }

    public void Update(IReadOnlyList<bool> succeeded)
    {
        for (int i = 0; i < C.Length; i++)
        {
            if (succeeded[i])
            {
                upper[i] = Math.Min(upper[i], C[i]);
                C[i] = (lower[i] + upper[i]) / 2;
            }
            else
            {
                lower[i] = Math.Max(lower[i], C[i]);
                C[i] = upper[i] < NoUpperBound ? (lower[i] + upper[i]) / 2 : C[i] * 10;
            }
        }
    }
}

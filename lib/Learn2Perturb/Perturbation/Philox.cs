namespace Learn2Perturb.Perturbation;

/// <summary>
/// Philox-4×32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as
/// 1, 2, 3" (SC 2011): ten rounds of two 32×32→64-bit multiplications and a key-dependent xor turn a 128-bit counter
/// and a 64-bit key into 128 random bits. Passes TestU01's BigCrush; any counter can be computed without the ones
/// before it, which is what lets threads and vector lanes share one stream.
/// </summary>
internal static class Philox
{
    public const int Rounds = 10;
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;   // round multipliers
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;   // key schedule (Weyl sequence) increments

    /// <summary>Philox-4×32-10 of counter (c0, c1, c2, c3) under key (k0, k1), on every lane at once.</summary>
    public static void Block<TL, TU, TF>(ref TU c0, ref TU c1, ref TU c2, ref TU c3, uint k0, uint k1)
        where TL : ILanes<TU, TF>
    {
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0) unchecked { k0 += W0; k1 += W1; }
            TU hi0 = TL.MulHi(c0, M0), lo0 = TL.MulLo(c0, M0);
            TU hi1 = TL.MulHi(c2, M1), lo1 = TL.MulLo(c2, M1);
            c0 = TL.Xor(TL.Xor(hi1, c1), TL.Splat(k0));
            c1 = lo1;
            c2 = TL.Xor(TL.Xor(hi0, c3), TL.Splat(k1));
            c3 = lo0;
        }
    }

    /// <summary>One block on one lane: the four output words.</summary>
    public static (uint, uint, uint, uint) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        Block<ScalarLanes, uint, float>(ref c0, ref c1, ref c2, ref c3, k0, k1);
        return (c0, c1, c2, c3);
    }
}

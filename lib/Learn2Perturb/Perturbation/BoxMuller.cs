namespace Learn2Perturb.Perturbation;

/// <summary>
/// Box–Muller: two uniform 32-bit words → two independent N(0, 1) values, r·cos(2πu₂) and r·sin(2πu₂) with
/// r = √(−2 ln u₁). The logarithm and sine/cosine are short polynomials built from + − × ÷ only (a float32 error of a
/// few ulp), so every lane width gives the same bits; u₁ takes the top 24 bits of a word, which caps |z| at
/// √(48 ln 2) ≈ 5.77 (the tail beyond it holds 8·10⁻⁹ of the mass).
/// </summary>
internal static class BoxMuller
{
    private const float Unit = 1f / (1 << 24);
    private const float Ln2 = 0.693147182f;
    private const float TwoPi = 6.28318548f;

    public static void Transform<TL, TU, TF>(TU word1, TU word2, out TF cos, out TF sin) where TL : ILanes<TU, TF>
    {
        TF u1 = TL.Mul(TL.Add(TL.ToFloat(TL.ShiftRight(word1, 8)), TL.Splat(1f)), TL.Splat(Unit)); // (0, 1]
        TF u2 = TL.Mul(TL.ToFloat(TL.ShiftRight(word2, 8)), TL.Splat(Unit));                      // [0, 1)
        TF r = TL.Sqrt(TL.Mul(TL.Splat(-2f), Log<TL, TU, TF>(u1)));
        SinCosTwoPi<TL, TU, TF>(u2, out var s, out var c);
        cos = TL.Mul(r, c);
        sin = TL.Mul(r, s);
    }

    /// <summary>ln u for normal floats u &gt; 0: u = 2ᵏ·m with m in [√½, √2), ln m = 2 atanh s, s = (m − 1)/(m + 1).</summary>
    internal static TF Log<TL, TU, TF>(TF u) where TL : ILanes<TU, TF>
    {
        // Adding 1 − √½ (in float bits) before splitting puts m in [√½, √2) without a branch.
        TU bits = TL.Add(TL.Bits(u), TL.Splat(0x3F800000u - 0x3F3504F3u));
        TF k = TL.Sub(TL.ToFloat(TL.ShiftRight(bits, 23)), TL.Splat(127f));
        TF m = TL.FromBits(TL.Add(TL.And(bits, TL.Splat(0x007FFFFFu)), TL.Splat(0x3F3504F3u)));
        TF s = TL.Div(TL.Sub(m, TL.Splat(1f)), TL.Add(m, TL.Splat(1f)));        // |s| ≤ 0.172
        TF z = TL.Mul(s, s);
        // atanh s / s = 1 + z/3 + z²/5 + z³/7 + z⁴/9 + …; the next term is below 3·10⁻⁹.
        TF p = TL.Add(TL.Splat(1f / 7), TL.Mul(z, TL.Splat(1f / 9)));
        p = TL.Add(TL.Splat(1f / 5), TL.Mul(z, p));
        p = TL.Add(TL.Splat(1f / 3), TL.Mul(z, p));
        p = TL.Add(TL.Splat(1f), TL.Mul(z, p));
        return TL.Add(TL.Mul(k, TL.Splat(Ln2)), TL.Mul(TL.Add(s, s), p));
    }

    /// <summary>sin 2πu and cos 2πu for u in [0, 1): quarter turn q = round(4u), then polynomials on |a| ≤ π/4.</summary>
    internal static void SinCosTwoPi<TL, TU, TF>(TF u, out TF sin, out TF cos) where TL : ILanes<TU, TF>
    {
        TU q = TL.ToInt(TL.Add(TL.Mul(u, TL.Splat(4f)), TL.Splat(0.5f)));      // 0 … 4
        TF a = TL.Mul(TL.Sub(u, TL.Mul(TL.ToFloat(q), TL.Splat(0.25f))), TL.Splat(TwoPi));
        TF a2 = TL.Mul(a, a);
        // Taylor series to a⁹ and a¹⁰: truncation error below 2·10⁻⁹ on |a| ≤ π/4.
        TF ps = TL.Add(TL.Splat(-1f / 5040), TL.Mul(a2, TL.Splat(1f / 362880)));
        ps = TL.Add(TL.Splat(1f / 120), TL.Mul(a2, ps));
        ps = TL.Add(TL.Splat(-1f / 6), TL.Mul(a2, ps));
        TF sinA = TL.Add(a, TL.Mul(TL.Mul(a, a2), ps));
        TF pc = TL.Add(TL.Splat(1f / 40320), TL.Mul(a2, TL.Splat(-1f / 3628800)));
        pc = TL.Add(TL.Splat(-1f / 720), TL.Mul(a2, pc));
        pc = TL.Add(TL.Splat(1f / 24), TL.Mul(a2, pc));
        pc = TL.Add(TL.Splat(-0.5f), TL.Mul(a2, pc));
        TF cosA = TL.Add(TL.Splat(1f), TL.Mul(a2, pc));
        // θ = a + q·π/2: odd q swaps sine and cosine; the sign bits follow q's second bit (sine) and q + 1's (cosine).
        TU swap = TL.Sub(TL.Splat(0u), TL.And(q, TL.Splat(1u)));
        TU sinBits = TL.Select(swap, TL.Bits(cosA), TL.Bits(sinA));
        TU cosBits = TL.Select(swap, TL.Bits(sinA), TL.Bits(cosA));
        sin = TL.FromBits(TL.Xor(sinBits, TL.ShiftLeft(TL.And(q, TL.Splat(2u)), 30)));
        cos = TL.FromBits(TL.Xor(cosBits, TL.ShiftLeft(TL.And(TL.Add(q, TL.Splat(1u)), TL.Splat(2u)), 30)));
    }
}

using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Learn2Perturb.Perturbation;

/// <summary>
/// The integer and float operations <see cref="PhiloxGaussian"/> needs, on 1, 4 or 8 lanes. Every operation is exact
/// or correctly rounded IEEE arithmetic (no fused multiply-add, no library transcendental), so the scalar, 128-bit
/// and 256-bit paths give bit-identical values.
/// </summary>
internal interface ILanes<TU, TF>
{
    static abstract int Count { get; }
    /// <summary>first, first + 1, …, first + Count − 1.</summary>
    static abstract TU Counters(uint first);
    static abstract TU Splat(uint value);
    static abstract TF Splat(float value);
    static abstract TU Xor(TU a, TU b);
    static abstract TU And(TU a, TU b);
    static abstract TU Add(TU a, TU b);
    static abstract TU Sub(TU a, TU b);
    static abstract TU ShiftRight(TU a, int bits);
    static abstract TU ShiftLeft(TU a, int bits);
    /// <summary>The low 32 bits of a × m.</summary>
    static abstract TU MulLo(TU a, uint m);
    /// <summary>The high 32 bits of the 64-bit product a × m.</summary>
    static abstract TU MulHi(TU a, uint m);
    static abstract TF Add(TF a, TF b);
    static abstract TF Sub(TF a, TF b);
    static abstract TF Mul(TF a, TF b);
    static abstract TF Div(TF a, TF b);
    static abstract TF Sqrt(TF a);
    /// <summary>Each lane read as a signed 32-bit integer, converted to float.</summary>
    static abstract TF ToFloat(TU a);
    /// <summary>Each lane truncated to a signed 32-bit integer (inputs are small and non-negative).</summary>
    static abstract TU ToInt(TF a);
    static abstract TU Bits(TF a);
    static abstract TF FromBits(TU a);
    /// <summary>Bitwise: a where mask is set, b elsewhere.</summary>
    static abstract TU Select(TU mask, TU a, TU b);
    static abstract unsafe void Store(TF value, float* at);
}

internal readonly struct ScalarLanes : ILanes<uint, float>
{
    public static int Count => 1;
    public static uint Counters(uint first) => first;
    public static uint Splat(uint value) => value;
    public static float Splat(float value) => value;
    public static uint Xor(uint a, uint b) => a ^ b;
    public static uint And(uint a, uint b) => a & b;
    public static uint Add(uint a, uint b) => unchecked(a + b);
    public static uint Sub(uint a, uint b) => unchecked(a - b);
    public static uint ShiftRight(uint a, int bits) => a >> bits;
    public static uint ShiftLeft(uint a, int bits) => a << bits;
    public static uint MulLo(uint a, uint m) => unchecked(a * m);
    public static uint MulHi(uint a, uint m) => (uint)((ulong)a * m >> 32);
    public static float Add(float a, float b) => a + b;
    public static float Sub(float a, float b) => a - b;
    public static float Mul(float a, float b) => a * b;
    public static float Div(float a, float b) => a / b;
    public static float Sqrt(float a) => MathF.Sqrt(a);
    public static float ToFloat(uint a) => unchecked((int)a);
    public static uint ToInt(float a) => unchecked((uint)(int)a);
    public static uint Bits(float a) => BitConverter.SingleToUInt32Bits(a);
    public static float FromBits(uint a) => BitConverter.UInt32BitsToSingle(a);
    public static uint Select(uint mask, uint a, uint b) => (a & mask) | (b & ~mask);
    public static unsafe void Store(float value, float* at) => *at = value;
}

internal readonly struct Lanes128 : ILanes<Vector128<uint>, Vector128<float>>
{
    public static int Count => 4;
    public static Vector128<uint> Counters(uint first) => Vector128.Create(first) + Vector128.Create(0u, 1, 2, 3);
    public static Vector128<uint> Splat(uint value) => Vector128.Create(value);
    public static Vector128<float> Splat(float value) => Vector128.Create(value);
    public static Vector128<uint> Xor(Vector128<uint> a, Vector128<uint> b) => a ^ b;
    public static Vector128<uint> And(Vector128<uint> a, Vector128<uint> b) => a & b;
    public static Vector128<uint> Add(Vector128<uint> a, Vector128<uint> b) => a + b;
    public static Vector128<uint> Sub(Vector128<uint> a, Vector128<uint> b) => a - b;
    public static Vector128<uint> ShiftRight(Vector128<uint> a, int bits) => a >>> bits;
    public static Vector128<uint> ShiftLeft(Vector128<uint> a, int bits) => a << bits;
    public static Vector128<uint> MulLo(Vector128<uint> a, uint m) => a * m;

    public static Vector128<uint> MulHi(Vector128<uint> a, uint m)
    {
        var factor = Vector128.Create(m);
        if (Avx2.IsSupported)
        {
            // pmuludq multiplies the even lanes to 64 bits; the odd lanes are shifted down and multiplied the same way.
            var even = Sse2.Multiply(a, factor) >>> 32;
            var odd = Sse2.Multiply((a.AsUInt64() >>> 32).AsUInt32(), factor);
            return Avx2.Blend(even.AsUInt32(), odd.AsUInt32(), 0b1010);
        }
        var (low, high) = Vector128.Widen(a);
        var wide = Vector128.Create((ulong)m);
        return Vector128.Narrow((low * wide) >>> 32, (high * wide) >>> 32);
    }

    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;
    public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
    public static Vector128<float> Div(Vector128<float> a, Vector128<float> b) => a / b;
    public static Vector128<float> Sqrt(Vector128<float> a) => Vector128.Sqrt(a);
    public static Vector128<float> ToFloat(Vector128<uint> a) => Vector128.ConvertToSingle(a.AsInt32());
    public static Vector128<uint> ToInt(Vector128<float> a) => Vector128.ConvertToInt32(a).AsUInt32();
    public static Vector128<uint> Bits(Vector128<float> a) => a.AsUInt32();
    public static Vector128<float> FromBits(Vector128<uint> a) => a.AsSingle();
    public static Vector128<uint> Select(Vector128<uint> mask, Vector128<uint> a, Vector128<uint> b) => Vector128.ConditionalSelect(mask, a, b);
    public static unsafe void Store(Vector128<float> value, float* at) => value.Store(at);
}

internal readonly struct Lanes256 : ILanes<Vector256<uint>, Vector256<float>>
{
    public static int Count => 8;
    public static Vector256<uint> Counters(uint first) => Vector256.Create(first) + Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
    public static Vector256<uint> Splat(uint value) => Vector256.Create(value);
    public static Vector256<float> Splat(float value) => Vector256.Create(value);
    public static Vector256<uint> Xor(Vector256<uint> a, Vector256<uint> b) => a ^ b;
    public static Vector256<uint> And(Vector256<uint> a, Vector256<uint> b) => a & b;
    public static Vector256<uint> Add(Vector256<uint> a, Vector256<uint> b) => a + b;
    public static Vector256<uint> Sub(Vector256<uint> a, Vector256<uint> b) => a - b;
    public static Vector256<uint> ShiftRight(Vector256<uint> a, int bits) => a >>> bits;
    public static Vector256<uint> ShiftLeft(Vector256<uint> a, int bits) => a << bits;
    public static Vector256<uint> MulLo(Vector256<uint> a, uint m) => a * m;

    public static Vector256<uint> MulHi(Vector256<uint> a, uint m)
    {
        var factor = Vector256.Create(m);
        if (Avx2.IsSupported)
        {
            var even = Avx2.Multiply(a, factor) >>> 32;
            var odd = Avx2.Multiply((a.AsUInt64() >>> 32).AsUInt32(), factor);
            return Avx2.Blend(even.AsUInt32(), odd.AsUInt32(), 0b1010_1010);
        }
        var (low, high) = Vector256.Widen(a);
        var wide = Vector256.Create((ulong)m);
        return Vector256.Narrow((low * wide) >>> 32, (high * wide) >>> 32);
    }

    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
    public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
    public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;
    public static Vector256<float> Sqrt(Vector256<float> a) => Vector256.Sqrt(a);
    public static Vector256<float> ToFloat(Vector256<uint> a) => Vector256.ConvertToSingle(a.AsInt32());
    public static Vector256<uint> ToInt(Vector256<float> a) => Vector256.ConvertToInt32(a).AsUInt32();
    public static Vector256<uint> Bits(Vector256<float> a) => a.AsUInt32();
    public static Vector256<float> FromBits(Vector256<uint> a) => a.AsSingle();
    public static Vector256<uint> Select(Vector256<uint> mask, Vector256<uint> a, Vector256<uint> b) => Vector256.ConditionalSelect(mask, a, b);
    public static unsafe void Store(Vector256<float> value, float* at) => value.Store(at);
}

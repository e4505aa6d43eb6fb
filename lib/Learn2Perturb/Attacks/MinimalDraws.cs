using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// Forward passes a minimal attack takes per objective (<see cref="Eot"/>) and per success decision
/// (<see cref="Success"/>, fresh draws): its options' numbers, or one each on a model whose passes agree
/// (<see cref="ModelNoise.PassesAgree"/>), where every draw would repeat the same pass.
/// </summary>
internal readonly record struct MinimalDraws(int Eot, int Success)
{
    public static MinimalDraws For(nn.Module<Tensor, Tensor> model, Tensor x, int eot, int success) =>
        (eot > 1 || success > 1) && model.PassesAgree(x) ? new(1, 1) : new(eot, success);
}

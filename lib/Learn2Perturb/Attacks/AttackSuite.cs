using Learn2Perturb.Core;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// A suite of budget attacks run AutoAttack style (STYLE.md §1.5): the clean forward pass removes the misclassified
/// samples, then each attack runs only on the samples every earlier attack failed to fool, so a sample counts as
/// robust only if it survives all of them (the worst case over attacks, per sample). For a stochastic model each
/// survival check is one fresh forward pass.
/// </summary>
public sealed class AttackSuite
{
    public AttackSuite(IReadOnlyList<IAttack> attacks)
    {
        if (attacks is null || attacks.Count == 0) throw new ArgumentException("a suite needs at least one attack", nameof(attacks));
        var duplicate = attacks.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"attack '{duplicate.Key}' appears twice in the suite", nameof(attacks));
        Attacks = attacks;
    }

    public IReadOnlyList<IAttack> Attacks { get; }

    /// <summary>Runs the suite on one batch (x [N,C,H,W] in [0,1], y [N]).</summary>
    public SuiteResult Run(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        using var scope = NewDisposeScope();
        int n = (int)x.shape[0];
        var robust = Predict(model, x).eq(y);
        int clean = Count(robust);
        var steps = new List<SuiteStep>();
        foreach (var attack in Attacks)
        {
            using var attackScope = NewDisposeScope();
            var survivors = robust.nonzero().squeeze(1);
            int attacked = (int)survivors.shape[0];
            int broken = 0;
            if (attacked > 0)
            {
                var xs = x.index_select(0, survivors);
                var ys = y.index_select(0, survivors);
                var stillRight = Predict(model, attack.Perturb(model, xs, ys)).eq(ys);
                broken = attacked - (int)stillRight.sum().item<long>();
                robust.index_copy_(0, survivors, stillRight);
            }
            steps.Add(new SuiteStep(attack.Name, attacked, broken, Count(robust)));
        }
        return new SuiteResult(n, clean, steps);
    }

    private static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var _ = no_grad();
        return model.forward(x).argmax(1);
    }

    private static int Count(Tensor mask) => (int)mask.sum().item<long>();
}

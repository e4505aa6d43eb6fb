using Learn2Perturb.Baselines;
using Learn2Perturb.Perturbation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>
/// The two optimisers of docs/method.md §1: Nesterov SGD on the weights W (with weight decay) and on θ (without).
/// Each step touches only its own parameters; <see cref="StepTheta()"/> ends with the projection θ ≥ θmin.
/// </summary>
internal sealed class AlternatingUpdate : IDisposable
{
    private readonly nn.Module model;
    private readonly IReadOnlyList<Parameter> weights, thetas;
    private readonly optim.Optimizer weightOptimizer;
    private readonly optim.Optimizer? thetaOptimizer;
    private readonly optim.Optimizer? noDecayOptimizer;

    public AlternatingUpdate(nn.Module model, TrainingOptions options)
    {
        this.model = model;
        // The baselines' noise parameters (PNI α, Adv-BNN μ and log σ) are stepped with W but never weight-decayed.
        var noDecay = model.NoDecayParameters();
        var excluded = new HashSet<object>(noDecay, ReferenceEqualityComparer.Instance);
        weights = [.. model.WeightParameters().Where(p => !excluded.Contains(p))];
        thetas = model.ThetaParameters();
        weightOptimizer = optim.SGD(weights, options.LearningRate, options.Momentum, nesterov: true, weight_decay: options.WeightDecay);
        if (thetas.Count > 0)
            thetaOptimizer = optim.SGD(thetas, options.LearningRate, options.Momentum, nesterov: true, weight_decay: 0);
        if (noDecay.Count > 0)
            noDecayOptimizer = optim.SGD(noDecay, options.LearningRate, options.Momentum, nesterov: true, weight_decay: 0);
    }

    public IReadOnlyList<Parameter> Thetas => thetas;

    public void SetLearningRate(double lr)
    {
        foreach (var optimizer in Optimizers())
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
    }

    public void ZeroGrad()
    {
        foreach (var optimizer in Optimizers()) optimizer.zero_grad();
    }

    /// <summary>W ← W − lr·∇_W (with momentum and weight decay; the baselines' noise parameters without); θ untouched.</summary>
    public void StepWeights()
    {
        weightOptimizer.step();
        noDecayOptimizer?.step();
    }

    /// <summary>θ ← θ − lr·∇_θ (with momentum), then θ ← max(θ, θmin); W untouched.</summary>
    public void StepTheta()
    {
        if (thetaOptimizer is null) return;
        thetaOptimizer.step();
        model.ProjectTheta();
    }

    /// <summary>
    /// θ ← θ − lr·∇_θ (with momentum) − <paramref name="direct"/>, then θ ← max(θ, θmin): Algorithm 1's θ step, whose
    /// regulariser term γ·∇g is subtracted as it is, outside the optimiser.
    /// </summary>
    public void StepTheta(IReadOnlyList<Tensor> direct)
    {
        if (thetaOptimizer is null) return;
        thetaOptimizer.step();
        StepThetaDirectly(direct);
    }

    /// <summary>θ ← max(θ − <paramref name="direct"/>, θmin), without the optimiser (no lr, no momentum).</summary>
    public void StepThetaDirectly(IReadOnlyList<Tensor> direct)
    {
        if (direct.Count != thetas.Count)
            throw new ArgumentException($"expected one step per θ map ({thetas.Count}), got {direct.Count}", nameof(direct));
        using (no_grad())
            for (int i = 0; i < thetas.Count; i++) thetas[i].sub_(direct[i]);
        model.ProjectTheta();
    }

    /// <summary>Clears only θ's gradients (the reference scheme's regulariser-only step).</summary>
    public void ZeroThetaGrad() => thetaOptimizer?.zero_grad();

    /// <summary>Every optimiser's state (learning rates, momentum buffers), in <see cref="Checkpointed"/>'s order.</summary>
    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            foreach (var optimizer in Checkpointed()) Helper(optimizer).save_state_dict(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Restores <see cref="SaveState"/>'s bytes; the buffers are moved to their parameters' device.</summary>
    public void LoadState(byte[] state)
    {
        // Not inside a dispose scope: the loaded momentum buffers must outlive it.
        using var reader = new BinaryReader(new MemoryStream(state));
        foreach (var optimizer in Checkpointed()) LoadInto(Helper(optimizer), reader);
    }

    /// <summary>The optimisers a checkpoint holds: all of them (<see cref="Optimizers"/>), in its fixed order.</summary>
    private optim.Optimizer[] Checkpointed() => [.. Optimizers()];

    private static void LoadInto(OptimizerHelper optimizer, BinaryReader reader)
    {
        optimizer.load_state_dict(reader);
        // TorchSharp loads buffers on the CPU and its State.to(device) drops the moved tensor: move them here.
        var first = optimizer.parameters().FirstOrDefault(); // the model's own parameter: not ours to dispose
        if (first is null) return;
        var device = first.device;
        foreach (var state in optimizer.state_dict().State.OfType<SGD.State>())
        {
            if (state.momentum_buffer is null || state.momentum_buffer.device_type == device.type) continue;
            var moved = state.momentum_buffer.to(device);
            state.momentum_buffer.Dispose();
            state.momentum_buffer = moved;
        }
    }

    private static OptimizerHelper Helper(optim.Optimizer optimizer) => optimizer as OptimizerHelper
        ?? throw new InvalidOperationException($"optimizer {optimizer.GetType().Name} cannot save its state");

    public void Dispose()
    {
        foreach (var optimizer in Optimizers()) optimizer.Dispose();
    }

    private IEnumerable<optim.Optimizer> Optimizers() =>
        new[] { weightOptimizer, thetaOptimizer, noDecayOptimizer }.OfType<optim.Optimizer>();
}

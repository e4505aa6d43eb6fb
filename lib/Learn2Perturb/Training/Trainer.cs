using Learn2Perturb.Attacks;
using Learn2Perturb.Core;
using Learn2Perturb.Data;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Training;

/// <summary>
/// Trains a model under a <see cref="DefenseSpec"/> with the alternating scheme of docs/method.md §1 and the schedule of §2.
/// Progress comes out through events; the trainer never writes to the console.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly Pgd adversary;
    private readonly AlternatingUpdate update;

    /// <param name="model">A model built by <paramref name="defense"/> (<see cref="DefenseSpec.Build"/>).</param>
    /// <param name="options">The training options, before the defence's overrides (<see cref="DefenseSpec.Configure"/>).</param>
    public Trainer(nn.Module<Tensor, Tensor> model, DefenseSpec defense, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(defense);
        defense.Validate();
        options = defense.Configure(options);
        options.Validate();
        DefenseModelCheck.Validate(model, defense);
        KlWeight = defense.Bayesian?.KlWeight; // null: 1/N_train, fixed when Fit sees the data
        this.model = model;
        Defense = defense;
        Options = options;
        adversary = new Pgd(options.AdversarialThreat, options.AdversarialPgd);
        update = new AlternatingUpdate(model, options);
    }

    public DefenseSpec Defense { get; }

    public TrainingOptions Options { get; }

    public event Action<BatchEnded>? BatchEnded;

    public event Action<EpochEnded>? EpochEnded;

    /// <summary>Adv-BNN's weight of KL(q ‖ prior) in the loss (null until <see cref="Fit"/> sets 1/N_train).</summary>
    public double? KlWeight { get; private set; }

    /// <summary>
    /// Learn2Perturb(-R) switches noise on after <see cref="TrainingOptions.NoiseDelay"/>; PNI and Adv-BNN train with
    /// their noise from the first epoch (as their papers do); the other defences have none.
    /// </summary>
    public bool NoiseOnAt(int epoch) => Defense.LearnsTheta ? epoch >= Options.NoiseDelay : Defense.Kind is DefenseKind.Pni or DefenseKind.AdvBnn;

    public bool AdversarialAt(int epoch) => Defense.Kind != DefenseKind.None && epoch >= Options.AdversarialDelay;

    /// <summary>Trains for <see cref="TrainingOptions.Epochs"/> epochs on <paramref name="train"/> (on the model's device).</summary>
    public IReadOnlyList<EpochEnded> Fit(TensorDataset train, CancellationToken cancel = default) => FitFrom(train, resume: null, cancel);

    /// <summary>
    /// Trains from <paramref name="resume"/>'s next epoch (or from epoch 0 when null) to the last, restoring its
    /// optimiser and generator states first; the caller has already loaded the model weights saved with it.
    /// Returns the epochs run by this call. <see cref="CheckpointDue"/> fires after every epoch.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A batch's loss, or a parameter after its step, is not finite; the
    /// epoch it happened in raises no <see cref="EpochEnded"/> and no <see cref="CheckpointDue"/>.</exception>
    /// <remarks>Not an overload of <see cref="Fit"/>, so <c>cref="Fit"</c> in the docs stays unambiguous.</remarks>
    public IReadOnlyList<EpochEnded> FitFrom(TensorDataset train, TrainerState? resume, CancellationToken cancel = default)
    {
        Compute.Seed(Options.Seed);
        Compute.ReleaseNativeGarbage(); // whatever loading the data left behind, before the loop's memory settles
        if (Defense.Kind == DefenseKind.AdvBnn) KlWeight ??= 1.0 / train.Count;
        // On the host whatever the data's device: TorchSharp makes CPU generators only, and a CUDA randperm rejects one;
        // the order is copied to the device once per epoch.
        using var shuffle = new Generator((ulong)(Options.Seed + 1));
        if (resume is not null) Restore(resume, shuffle);
        var history = new List<EpochEnded>();
        for (int epoch = resume?.NextEpoch ?? 0; epoch < Options.Epochs; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            history.Add(RunEpoch(train, epoch, shuffle, cancel));
            EpochEnded?.Invoke(history[^1]);
            if (CheckpointDue is { } due) due(CaptureState(epoch + 1, shuffle));
        }
        model.eval();
        return history;
    }

    /// <summary>Raised after each epoch (after <see cref="EpochEnded"/>) with the state to save beside the weights.</summary>
    public event Action<TrainerState>? CheckpointDue;

    private TrainerState CaptureState(int nextEpoch, Generator shuffle) =>
        new(nextEpoch, update.SaveState(), TrainerState.GlobalBytes(), TrainerState.Bytes(shuffle));

    private void Restore(TrainerState state, Generator shuffle)
    {
        if (state.NextEpoch > Options.Epochs)
            throw new ArgumentException($"the checkpoint's next epoch {state.NextEpoch} is beyond the run's {Options.Epochs} epochs", nameof(state));
        update.LoadState(state.Optimizers);
        TrainerState.RestoreGlobal(state.GlobalRng);
        TrainerState.Restore(shuffle, state.ShuffleRng);
    }

    /// <summary>
    /// Batches between two reads from the device. The loop never waits for the device inside such a window: loss and
    /// correct counts are summed where they are computed, and each batch's finiteness is kept as a flag that is read
    /// at the window's end (and at the epoch's), which is what lets a GPU run ahead of the host.
    /// </summary>
    internal const int BatchesPerHostRead = 25;

    private EpochEnded RunEpoch(TensorDataset train, int epoch, Generator shuffle, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double lr = Options.LearningRateAt(epoch);
        update.SetLearningRate(lr);
        int batches = (int)((train.Count + Options.BatchSize - 1) / Options.BatchSize);
        var device = train.Images.device;
        using var lossSum = zeros(1, ScalarType.Float64, device);
        using var correct = zeros(1, ScalarType.Int64, device);
        var window = new List<(Tensor Loss, Tensor Finite)>();
        long seen = 0;
        int b = 0;
        try
        {
            foreach (var (x, y) in train.Batches(Options.BatchSize, shuffle: true, shuffle))
            {
                cancel.ThrowIfCancellationRequested();
                using var batchX = x;
                using var batchY = y;
                using (var scope = NewDisposeScope())
                {
                    Compute.ReseedFromHost(device);
                    var input = Options.Augment ? BatchAugment.RandomCropFlip(x) : x;
                    var step = Step(input, y, epoch);
                    lossSum.add_(step.Loss.to(ScalarType.Float64) * y.shape[0]);
                    correct.add_(step.Correct);
                    window.Add((step.Loss.MoveToOuterDisposeScope(), Finite(step.Loss).MoveToOuterDisposeScope()));
                }
                seen += y.shape[0];
                if (window.Count == BatchesPerHostRead) ThrowIfDiverged(epoch, b + 1 - window.Count, window);
                // The batch's native garbage (see why there): on a CPU every batch, which holds the resident memory flat
                // for ~1 % of a batch; on a GPU, where a batch takes milliseconds, once per window, where the host waits anyway.
                if (device.type == TorchSharp.DeviceType.CPU || window.Count == 0) Compute.ReleaseNativeGarbage();
                // Counted outside the event: a null-conditional call evaluates no argument when nobody listens.
                BatchEnded?.Invoke(new BatchEnded(epoch, b, batches, clock.Elapsed.TotalSeconds));
                b++;
            }
            ThrowIfDiverged(epoch, b - window.Count, window);
        }
        finally
        {
            Dispose(window);
        }
        return new EpochEnded(epoch, Options.Epochs, lossSum.item<double>() / seen, 100.0 * correct.item<long>() / seen, lr,
            NoiseOnAt(epoch), AdversarialAt(epoch), model.ThetaMeanPerModule(), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Whether the loss and every parameter are finite after a step: a flag on the device, not read here.</summary>
    private Tensor Finite(Tensor loss)
    {
        var finite = loss.isfinite().all();
        foreach (var parameter in model.parameters()) finite.logical_and_(parameter.isfinite().all());
        return finite;
    }

    /// <summary>
    /// Reads the window's flags (one read); at the first batch whose loss or parameters were not finite, throws naming
    /// that batch (<paramref name="first"/> is the window's first batch) and what was not finite. Empties the window.
    /// </summary>
    private void ThrowIfDiverged(int epoch, int first, List<(Tensor Loss, Tensor Finite)> window)
    {
        if (window.Count == 0) return;
        using (var scope = NewDisposeScope())
        {
            var flags = stack(window.Select(w => w.Finite).ToArray()).cpu().data<bool>().ToArray();
            int bad = Array.IndexOf(flags, false);
            if (bad >= 0)
                throw new TrainingDivergedException(epoch, first + bad,
                    NonFinite(window[bad].Loss.item<float>()) ?? "a parameter was not finite after the step");
        }
        Dispose(window);
    }

    private static void Dispose(List<(Tensor Loss, Tensor Finite)> window)
    {
        foreach (var (loss, finite) in window)
        {
            loss.Dispose();
            finite.Dispose();
        }
        window.Clear();
    }

    /// <summary>
    /// One iteration of the configured update scheme on a batch, in the regime of <paramref name="epoch"/> (noise and
    /// adversarial training on or off as the delays say). Returns the batch loss L and the clean-correct count, read
    /// back from the device (the training loop itself reads them once per <see cref="BatchesPerHostRead"/> batches).
    /// </summary>
    public (double Loss, long Correct) TrainBatch(Tensor x, Tensor y, int epoch)
    {
        using var scope = NewDisposeScope();
        var step = Step(x, y, epoch);
        return (step.Loss.item<float>(), step.Correct.item<long>());
    }

    private BatchStep Step(Tensor x, Tensor y, int epoch)
    {
        model.train();
        bool noise = NoiseOnAt(epoch);
        model.SetNoise(noise ? NoiseMode.On : NoiseMode.Off);
        int noisyEpoch = epoch - Options.NoiseDelay + 1;
        var objective = new Objective(model, adversary, Options, AdversarialAt(epoch), KlWeightInLoss());
        if (!noise || !Defense.LearnsTheta) return objective.TrainWeightsOnly(update, x, y);
        if (Defense.Kind == DefenseKind.Learn2PerturbR)
            return objective.RegularizerOnlyTheta(update, x, y, noisyEpoch, asPrinted: Options.Scheme == UpdateScheme.Algorithm1);
        return Options.Scheme switch
        {
            UpdateScheme.Algorithm1 => objective.Algorithm1(update, x, y, noisyEpoch),
            UpdateScheme.Algorithm1ThroughOptimizer => objective.Algorithm1ThroughOptimizer(update, x, y, noisyEpoch),
            UpdateScheme.StrictAlternation => objective.StrictAlternation(update, x, y, noisyEpoch),
            UpdateScheme.ReferenceCode => objective.ReferenceCode(update, x, y, noisyEpoch),
            _ => throw new ArgumentOutOfRangeException(nameof(Options.Scheme), Options.Scheme, null),
        };
    }

    /// <summary>What is not finite after a step, or null: the loss, else the first parameter holding a NaN or ±∞.</summary>
    private string? NonFinite(double loss)
    {
        if (!double.IsFinite(loss)) return $"the loss is {loss}";
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in model.named_parameters())
            if (!parameter.isfinite().all().item<bool>()) return $"parameter '{name}' is not finite";
        return null;
    }

    private double KlWeightInLoss() => Defense.Kind != DefenseKind.AdvBnn ? 0
        : KlWeight ?? throw new InvalidOperationException("the Adv-BNN KL weight is unknown before Fit: pass klWeight to the Trainer");

    public void Dispose() => update.Dispose();
}

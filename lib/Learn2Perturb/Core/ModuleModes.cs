using static TorchSharp.torch;

namespace Learn2Perturb.Core;

/// <summary>BatchNorm/dropout mode scopes that restore the previous mode even on exceptions.</summary>
public static class ModuleModes
{
    /// <summary>Puts <paramref name="model"/> in eval mode until disposed, then back to the mode it had.</summary>
    public static IDisposable EvalMode(this nn.Module model) => Switch(model, training: false);

    /// <summary>Puts <paramref name="model"/> in train mode until disposed, then back to the mode it had.</summary>
    public static IDisposable TrainMode(this nn.Module model) => Switch(model, training: true);

    private static Restore Switch(nn.Module model, bool training)
    {
        bool previous = model.training;
        model.train(training);
        return new Restore(() => model.train(previous));
    }
}

using static TorchSharp.torch;

namespace Learn2Perturb.Core;

/// <summary>Parameter scopes that restore each parameter's previous <c>requires_grad</c> even on exceptions.</summary>
public static class FrozenParameters
{
    /// <summary>
    /// Marks every parameter of <paramref name="model"/> as not requiring a gradient until disposed. For passes that
    /// need the input gradient only (an attack inside training): autograd then records no path into the weights. The
    /// values computed are unchanged.
    /// </summary>
    public static IDisposable Frozen(this nn.Module model)
    {
        var parameters = model.parameters().ToList();
        var previous = parameters.Select(p => p.requires_grad).ToArray();
        foreach (var p in parameters) p.requires_grad = false;
        return new Restore(() =>
        {
            for (int i = 0; i < parameters.Count; i++) parameters[i].requires_grad = previous[i];
        });
    }
}

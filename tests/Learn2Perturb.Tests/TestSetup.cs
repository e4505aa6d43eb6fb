using System.Runtime.CompilerServices;

namespace Learn2Perturb.Tests;

internal static class TestSetup
{
    /// <summary>Tests touch TorchSharp directly, so the native backend is loaded before any test runs.</summary>
    [ModuleInitializer]
    internal static void LoadNativeBackend() => Learn2Perturb.Core.Compute.Initialize(threads: 2);
}

/// <summary>Tests that seed or draw from TorchSharp's global generator run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRandomCollection
{
    public const string Name = "torch global RNG";
}

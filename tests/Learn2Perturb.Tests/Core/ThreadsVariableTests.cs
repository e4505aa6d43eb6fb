using Learn2Perturb.Core;

namespace Learn2Perturb.Tests.Core;

/// <summary>L2P_THREADS, the notebooks' and the CLI's thread count: unset means libtorch's default; a bad value is named, not ignored.</summary>
[Collection(TorchRandomCollection.Name)] // the CLI tests read the variable: never change it while they run
public sealed class ThreadsVariableTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("1", 1)]
    [InlineData(" 4 ", 4)]
    public void AValidOrUnsetValueIsRead(string? value, int? expected) => Assert.Equal(expected, With(value, Compute.ThreadsFromEnvironment));

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void AnInvalidValueIsRefusedByName(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => With(value, Compute.ThreadsFromEnvironment));
        Assert.Contains($"L2P_THREADS='{value}'", e.Message);
        Assert.Contains("whole number ≥ 1", e.Message);
    }

    private static T With<T>(string? value, Func<T> read)
    {
        var previous = Environment.GetEnvironmentVariable(Compute.ThreadsVariable);
        Environment.SetEnvironmentVariable(Compute.ThreadsVariable, value);
        try { return read(); }
        finally { Environment.SetEnvironmentVariable(Compute.ThreadsVariable, previous); }
    }
}

namespace Learn2Perturb.Data;

/// <summary>Where datasets live: <c>L2P_DATA</c> if set, otherwise the user cache (<c>~/.cache/learn2perturb/data</c>).</summary>
public static class DataLocations
{
    /// <summary>The environment variable naming the data root.</summary>
    public const string RootVariable = "L2P_DATA";

    /// <summary>The data root from <c>L2P_DATA</c>, or null when it is unset or empty.</summary>
    public static string? EnvironmentRoot =>
        Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root ? Path.GetFullPath(root) : null;

    /// <summary>
    /// The data root downloads go to and readers look in: <c>L2P_DATA</c>, else <c>$XDG_CACHE_HOME/learn2perturb/data</c>,
    /// else <c>~/.cache/learn2perturb/data</c> (the same cache TorchNative uses).
    /// </summary>
    public static string DefaultRoot => EnvironmentRoot ?? CacheRoot;

    /// <summary>Says where <see cref="DefaultRoot"/> came from, for error messages.</summary>
    public static string DescribeDefaultRoot() =>
        EnvironmentRoot is not null ? $"{RootVariable}={EnvironmentRoot}" : $"the default {CacheRoot} ({RootVariable} is not set)";

    private static string CacheRoot
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var cache = !string.IsNullOrEmpty(xdg) ? xdg
                : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache")
                : Path.GetTempPath();
            return Path.Combine(cache, "learn2perturb", "data");
        }
    }
}

namespace Learn2Perturb.Experiments;

/// <summary>
/// How much compute an experiment spends. Smoke: seconds on a CPU, proves the pipeline runs (numbers meaningless).
/// Quick: minutes on a CPU, small but meaningful. Paper: the paper's settings, for a GPU.
/// </summary>
public enum Profile
{
    Smoke,
    Quick,
    Paper,
}

public static class Profiles
{
    /// <summary>The profile named by the environment variable <c>L2P_PROFILE</c>, or <paramref name="fallback"/>.</summary>
    public static Profile FromEnvironment(Profile fallback)
    {
        var value = Environment.GetEnvironmentVariable("L2P_PROFILE");
        return string.IsNullOrWhiteSpace(value) ? fallback : Parse(value);
    }

    public static Profile Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "smoke" => Profile.Smoke,
        "quick" => Profile.Quick,
        "paper" => Profile.Paper,
        _ => throw new ArgumentException($"unknown profile '{name}': expected smoke, quick or paper"),
    };

    public static string ToName(this Profile p) => p.ToString().ToLowerInvariant();
}

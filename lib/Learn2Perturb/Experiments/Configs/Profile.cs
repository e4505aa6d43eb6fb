namespace Learn2Perturb.Experiments;

/// <summary>
/// How much compute an experiment spends. Smoke: seconds on a CPU, proves the pipeline runs (numbers meaningless).
/// Quick: minutes on a CPU, small but meaningful. Medium: quick's model, data and schedule at Fashion-MNIST's customary
/// budget ε = 0.1 (training and attacks), run with 3 seeds: the cheapest setting where Learn2Perturb's advantage over
/// vanilla adversarial training could show, if it exists (at quick's ε = 8/255 every adversarially trained model keeps
/// nearly its clean accuracy, leaving no room for it). Paper: the paper's settings, for a GPU.
/// </summary>
public enum Profile
{
    Smoke,
    Quick,
    Medium,
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
        "medium" => Profile.Medium,
        "paper" => Profile.Paper,
        _ => throw new ArgumentException($"unknown profile '{name}': expected smoke, quick, medium or paper"),
    };

    public static string ToName(this Profile p) => p.ToString().ToLowerInvariant();
}

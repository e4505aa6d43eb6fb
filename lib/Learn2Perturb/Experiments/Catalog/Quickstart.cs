namespace Learn2Perturb.Experiments;

/// <summary>
/// The workbook's first experiment: Table 1's no-defence, vanilla and Learn2Perturb cells of ResNet-V1(20) under a
/// profile (docs/method.md §6), taken from the catalog and trained and evaluated through the run store like every other
/// experiment. So a stopped quickstart resumes where it stopped, notebook 01 and <c>l2p train</c> reuse what it trained
/// (and it reuses theirs), and its numbers are the tables' numbers.
/// </summary>
public static class Quickstart
{
    /// <summary>The defences it compares, in the order it shows them.</summary>
    public static IReadOnlyList<string> Defenses { get; } = ["none", "vanilla", "l2p"];

    /// <summary>The three catalog experiments, <c>table1/resnet-v1-20/&lt;defence&gt;</c>, under <paramref name="profile"/>.</summary>
    public static IReadOnlyList<ExperimentConfig> Configs(Profile profile) =>
        [.. Defenses.Select(d => ExperimentCatalog.Get($"table1/resnet-v1-20/{d}", profile))];
}

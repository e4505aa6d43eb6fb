using Learn2Perturb.Experiments;

namespace Learn2Perturb.Tests.Plotting;

public sealed class WorkbookDataTests
{
    [Theory]
    [InlineData(Profile.Smoke, "fashion-mnist")]
    [InlineData(Profile.Quick, "fashion-mnist")]
    [InlineData(Profile.Paper, "cifar10")]
    public void Each_profile_names_its_dataset(Profile profile, string dataset) =>
        Assert.Equal(dataset, WorkbookData.DatasetFor(profile));

    [Fact]
    public void Missing_cifar_is_reported_with_the_fetch_command()
    {
        var root = Directory.CreateTempSubdirectory("l2p-empty-data-").FullName;

        var message = WorkbookData.Missing("cifar10", root);
        Assert.NotNull(message);
        Assert.Contains("l2p data fetch cifar10", message);
        Assert.Contains(root, message);
        var e = Assert.Throws<FileNotFoundException>(() => WorkbookData.Require("cifar100", root));
        Assert.Contains("l2p data fetch cifar100", e.Message);
        Assert.Null(WorkbookData.Missing("fashion-mnist", root)); // embedded: never missing
    }

    [Fact]
    public void Unknown_dataset_is_rejected_naming_the_choices()
    {
        var e = Assert.Throws<ArgumentException>(() => WorkbookData.Missing("mnist"));
        Assert.Contains("unknown dataset 'mnist'", e.Message);
        Assert.Contains("cifar10", e.Message);
    }
}

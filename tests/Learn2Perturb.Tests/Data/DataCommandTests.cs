using System.CommandLine;
using System.Text.Json;
using Learn2Perturb.Cli.Commands;

namespace Learn2Perturb.Tests.Data;

public sealed class DataCommandTests
{
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static JsonElement LastJsonLine(string output) =>
        JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;

    [Fact]
    public async Task Unknown_dataset_lists_the_valid_ones_and_exits_2()
    {
        var (code, output, error) = await Run("data", "fetch", "imagenet", "--json");

        Assert.Equal(DataCommand.UsageError, code);
        Assert.Contains("cifar10, cifar100", error);
        Assert.Contains("imagenet", LastJsonLine(output).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_wrong_local_tarball_fails_with_exit_1_and_a_json_error()
    {
        using var temp = new TempDir();
        File.WriteAllBytes(temp.File("fake.tar.gz"), [1, 2, 3]);

        var (code, output, _) = await Run("data", "fetch", "CIFAR10", "--root", temp.File("root"), "--from", temp.File("fake.tar.gz"), "--json");

        Assert.Equal(DataCommand.Failed, code);
        var json = LastJsonLine(output);
        Assert.Contains("size mismatch", json.GetProperty("error").GetString());
        Assert.Equal(1, json.GetProperty("exit_code").GetInt32());
        Assert.True(File.Exists(temp.File("fake.tar.gz")));
    }
}

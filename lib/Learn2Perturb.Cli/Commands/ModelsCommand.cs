using System.CommandLine;
using Learn2Perturb.Cli.Output;
using Learn2Perturb.Core;
using Learn2Perturb.Models;
using Spectre.Console;

namespace Learn2Perturb.Cli.Commands;

/// <summary><c>l2p models</c>: every architecture of the paper with its parameter and θ counts.</summary>
internal static class ModelsCommand
{
    private sealed record Row(string Name, string PaperName, long Parameters, long PaperParameters, long ThetaCifar, long ThetaFashionMnist);

    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("models", "List the architectures with parameter counts (10-class head) and θ counts") { json };
        command.SetAction(parse => Run(parse.GetValue(json)));
        return command;
    }

    private static int Run(bool json)
    {
        Compute.Initialize();
        var rows = ModelSpec.Paper.Select(p => Describe(p.Spec, p.PaperParameters)).ToList();
        var table = new Table();
        foreach (var c in new[] { "name", "paper", "parameters", "paper count", "θ (3×32×32)", "θ (1×28×28)" }) table.AddColumn(c);
        foreach (var r in rows)
            table.AddTextRow(r.Name, r.PaperName, r.Parameters.ToString("N0"), r.PaperParameters.ToString("N0"), r.ThetaCifar.ToString("N0"), r.ThetaFashionMnist.ToString("N0"));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("Any ResNet-V1 depth 6n+2 (resnet-v1-8, -14, ...) and width factor (resnet-v1-20-3x) is accepted too.");
        if (json) Json.WriteLastLine(new { models = rows });
        return 0;
    }

    private static Row Describe(ModelSpec spec, long paperCount)
    {
        using var cifar = ModelFactory.Create(spec, InputSpec.Cifar10, new PerturbationOptions());
        using var fmnist = ModelFactory.Create(spec, InputSpec.FashionMnist, new PerturbationOptions());
        var (weights, theta) = ModelFactory.CountParameters(cifar);
        return new Row(spec.Name, spec.PaperName, weights, paperCount, theta, ModelFactory.CountParameters(fmnist).Theta);
    }
}

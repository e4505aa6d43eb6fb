using System.Text.Json;

namespace Learn2Perturb.Experiments;

/// <summary>
/// The paper's numbers for one table cell (accuracy %, docs/method.md §6), shown next to ours. Every cell comes from
/// data/paper/numbers.json (<see cref="Of"/>), the one copy in the repository, keyed by the experiment it sits beside.
/// </summary>
public sealed record PaperNumbers(double Clean, double Fgsm, double Pgd, string? Note = null)
{
    private const string Resource = "Learn2Perturb.Experiments.paper-numbers.json";

    private static readonly Lazy<IReadOnlyDictionary<string, PaperNumbers>> cells = new(Load);

    /// <summary>Every cell the paper reports, by key (<c>table1/resnet-v1-20/l2p</c>, <c>figure5/cifar100/pni</c>).</summary>
    public static IReadOnlyDictionary<string, PaperNumbers> Cells => cells.Value;

    /// <exception cref="KeyNotFoundException">The paper reports no numbers for <paramref name="cell"/>.</exception>
    public static PaperNumbers Of(string cell) => Cells.TryGetValue(cell, out var numbers) ? numbers
        : throw new KeyNotFoundException($"the paper reports no numbers for '{cell}' (data/paper/numbers.json has {Cells.Count} cells)");

    private static Dictionary<string, PaperNumbers> Load()
    {
        using var stream = typeof(PaperNumbers).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the library was built without its resource {Resource} (data/paper/numbers.json)");
        using var document = JsonDocument.Parse(stream);
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        return document.RootElement.GetProperty("cells").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Deserialize<PaperNumbers>(options) ?? throw new InvalidDataException($"data/paper/numbers.json: cell '{p.Name}' is null"));
    }
}

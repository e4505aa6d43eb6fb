using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Learn2Perturb.Runs;

/// <summary>
/// The run store's JSON: snake_case keys, enums as names, non-finite numbers allowed (a diverged loss is data), and
/// canonical form (keys sorted at every level, no whitespace) for hashing configs.
/// </summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? Indented : Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("the document is null");

    /// <summary>Keys sorted (ordinal) at every level, no whitespace: equal configs give equal strings.</summary>
    public static string Canonical<T>(T value) => Sorted(JsonSerializer.SerializeToNode(value, Options))?.ToJsonString(Options) ?? "null";

    /// <summary>Reads and deserialises a store file; any failure is a <see cref="RunFileException"/> naming it.</summary>
    public static T ReadFile<T>(string path, string what)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new RunFileException(path, $"cannot read the {what}: {e.Message}", e); }
        try { return Deserialize<T>(text); }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new RunFileException(path, $"corrupt or truncated {what} ({e.Message})", e);
        }
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}

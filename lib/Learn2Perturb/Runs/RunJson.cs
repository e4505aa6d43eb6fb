using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Learn2Perturb.Runs;

/// <summary>
/// The run store's JSON: snake_case keys, enums as names, non-finite numbers allowed (a diverged loss is data), and
/// canonical form (keys sorted at every level, no whitespace) for hashing configs. Reading is strict about shape: a
/// member without a default must be present and a non-nullable one must not be null, so a file of the wrong shape is
/// refused, by name, instead of becoming nulls that fail far from it.
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

    private static readonly JsonSerializerOptions Reading = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(), // the reflection metadata, so CheckKeys can walk the types
    };

    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? Indented : Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Reading) ?? throw new JsonException("the document is null");

    /// <summary>Keys sorted (ordinal) at every level, no whitespace: equal configs give equal strings.</summary>
    public static string Canonical<T>(T value) => Sorted(JsonSerializer.SerializeToNode(value, Options))?.ToJsonString(Options) ?? "null";

    /// <summary>
    /// Reads and deserialises a store file, or with <paramref name="rejectUnknownKeys"/> a file a person wrote (a
    /// misspelt key would otherwise be dropped silently and its default used); any failure is a
    /// <see cref="RunFileException"/> naming the file.
    /// </summary>
    public static T ReadFile<T>(string path, string what, bool rejectUnknownKeys = false)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new RunFileException(path, $"cannot read the {what}: {e.Message}", e); }
        try
        {
            if (rejectUnknownKeys)
            {
                using var document = JsonDocument.Parse(text);
                CheckKeys(document.RootElement, typeof(T), "");
            }
            return Deserialize<T>(text);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new RunFileException(path, $"not a valid {what} ({e.Message})", e);
        }
    }

    /// <summary>Throws naming the first key, at any depth, that no member of <paramref name="type"/> reads, and the closest one that does.</summary>
    internal static void CheckKeys(JsonElement element, Type type, string at)
    {
        var info = Reading.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            var members = info.Properties.ToDictionary(p => p.Name, p => p.PropertyType);
            foreach (var member in element.EnumerateObject())
            {
                if (!members.TryGetValue(member.Name, out var memberType))
                    throw new JsonException($"unknown key '{at}{member.Name}' (the closest valid key is '{at}{Closest(member.Name, members.Keys)}')");
                CheckKeys(member.Value, memberType, $"{at}{member.Name}.");
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray()) CheckKeys(item, info.ElementType!, $"{at}[{i++}].");
        }
        else if (info.Kind == JsonTypeInfoKind.Dictionary && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in element.EnumerateObject()) CheckKeys(entry.Value, info.ElementType!, $"{at}{entry.Name}.");
        }
    }

    /// <summary>
    /// The type of the member that <paramref name="path"/> (JSON names, outermost first) reaches from <paramref name="root"/>,
    /// nullable types unwrapped; null when a name on the way is not a member.
    /// </summary>
    internal static Type? MemberType(Type root, IEnumerable<string> path)
    {
        Type? type = root;
        foreach (var name in path)
        {
            var property = type is null ? null : Reading.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == name);
            type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return type;
    }

    /// <summary>The one of <paramref name="valid"/> nearest to <paramref name="key"/> by edit distance, for "did you mean" errors.</summary>
    internal static string Closest(string key, IEnumerable<string> valid) => valid.MinBy(v => EditDistance(key, v)) ?? "(none)";

    /// <summary>Levenshtein distance: insertions, deletions and substitutions of one character.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}

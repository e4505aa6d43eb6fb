using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Learn2Perturb.NotebookRunner;

/// <summary>
/// nbformat stores an output of a JSON MIME type (<c>application/json</c>, <c>application/vnd.plotly.v1+json</c>) as the
/// JSON itself, which renderers read as an object; the .ipynb writer of .NET Interactive stores every value as text.
/// This turns such text back into JSON in a written notebook and leaves everything else as it was.
/// </summary>
internal static class JsonMimeOutputs
{
    // The layout Jupyter writes (one-space indent, characters unescaped), so a notebook with no JSON output is unchanged.
    private static readonly JsonSerializerOptions Layout = new()
    {
        WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Embed(string notebook)
    {
        var root = JsonNode.Parse(notebook) ?? throw new InvalidDataException("the written notebook is not JSON");
        bool changed = false;
        foreach (var cell in root["cells"]?.AsArray() ?? [])
            foreach (var output in cell?["outputs"]?.AsArray() ?? [])
                if (output?["data"] is JsonObject data)
                    foreach (var (mime, value) in data.ToList())
                        if (IsJson(mime) && Text(value) is { } text)
                        {
                            data[mime] = JsonNode.Parse(text);
                            changed = true;
                        }
        return changed ? root.ToJsonString(Layout) + (notebook.EndsWith('\n') ? "\n" : "") : notebook;
    }

    private static bool IsJson(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    // The writer's text: one string, or the lines of one as an array of strings.
    private static string? Text(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray lines when lines.All(l => l is JsonValue v && v.TryGetValue<string>(out _)) => string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => null,
    };
}

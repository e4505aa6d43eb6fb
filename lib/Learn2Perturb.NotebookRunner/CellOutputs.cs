using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace Learn2Perturb.NotebookRunner;

/// <summary>Turns a kernel's events into notebook outputs (the Jupyter output kinds) and collects errors.</summary>
internal static class CellOutputs
{
    /// <param name="events">Everything the kernel published while the cell ran.</param>
    /// <param name="thrown">Exceptions the cell's submissions threw, including those in an imported file, which no event reports.</param>
    public static (List<InteractiveDocumentOutputElement> Outputs, string? Error) From(IEnumerable<KernelEvent> events, IReadOnlyList<Exception> thrown)
    {
        var outputs = new List<InteractiveDocumentOutputElement>();
        string? error = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o: outputs.Add(new TextElement(Text(o), "stdout")); break;
                case StandardErrorValueProduced o: outputs.Add(new TextElement(Text(o), "stderr")); break;
                case DisplayEvent d and not ErrorProduced: outputs.Add(Display(d)); break;
                case ErrorProduced p:
                    outputs.Add(new ErrorElement(p.Message, "Error", []));
                    error ??= p.Message;
                    break;
                case CommandFailed f:
                    var name = f.Exception?.GetType().Name ?? "Error";
                    outputs.Add(new ErrorElement(f.Message, name, f.Exception?.StackTrace?.Split('\n') ?? []));
                    error ??= f.Message;
                    break;
            }
        }
        if (error is null && thrown.Count > 0)
        {
            var e = thrown[0];
            error = $"{e.GetType().Name} thrown in a file the cell imports: {e.Message}";
            outputs.Add(new ErrorElement(error, e.GetType().Name, e.StackTrace?.Split('\n') ?? []));
        }
        return (outputs, error);
    }

    private static DisplayElement Display(DisplayEvent d) =>
        new(d.FormattedValues.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.First().Value));

    private static string Text(DisplayEvent d) =>
        string.Concat(d.FormattedValues.Where(v => v.MimeType == "text/plain").Select(v => v.Value));
}

namespace Learn2Perturb.Plotting;

/// <summary>
/// A piece of HTML for a notebook output. The notebooks' shared setup registers a formatter that shows it as
/// <c>text/html</c>, so a cell can end with it, with no host-specific helper (VS Code, Jupyter and the headless runner
/// alike).
/// </summary>
public sealed class HtmlFragment(string html)
{
    public string Html { get; } = html ?? throw new ArgumentNullException(nameof(html));

    /// <summary>The lines as an HTML bullet list, each HTML-encoded.</summary>
    public static HtmlFragment FromLines(IEnumerable<string> lines) =>
        new("<ul>\n" + string.Concat(lines.Select(l => $"<li>{System.Net.WebUtility.HtmlEncode(l)}</li>\n")) + "</ul>");

    public override string ToString() => Html;
}

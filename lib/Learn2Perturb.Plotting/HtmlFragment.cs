namespace Learn2Perturb.Plotting;

/// <summary>
/// A piece of HTML for a notebook output. The notebooks' shared setup registers a formatter that shows it as
/// <c>text/html</c>, so a cell can end with it, with no host-specific helper (VS Code, Jupyter and the headless runner
/// alike).
/// </summary>
public sealed class HtmlFragment(string html)
{
    public string Html { get; } = html ?? throw new ArgumentNullException(nameof(html));

    public override string ToString() => Html;
}

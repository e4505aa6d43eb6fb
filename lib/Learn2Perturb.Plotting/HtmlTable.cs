using System.Net;
using System.Reflection;
using System.Text;

namespace Learn2Perturb.Plotting;

/// <summary>
/// Renders rows (records) as a plain HTML table, one column per public property, values HTML-encoded, as an
/// <see cref="HtmlFragment"/>: .NET Interactive's default formatter nests records in expandable trees, which hides the
/// measured-vs-paper comparison a table is for, and GitHub renders a plain table as one.
/// </summary>
public static class HtmlTable
{
    public static HtmlFragment Render<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        if (columns.Count == 0) throw new ArgumentException($"{typeof(T).Name} has no public properties to show as columns", nameof(rows));
        var html = new StringBuilder("<table>\n<thead><tr>");
        foreach (var column in columns) html.Append("<th>").Append(Encode(column.Name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var column in columns) html.Append("<td>").Append(Encode(Format(column.GetValue(row)))).Append("</td>");
            html.Append("</tr>\n");
        }
        return new HtmlFragment(html.Append("</tbody>\n</table>").ToString());
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

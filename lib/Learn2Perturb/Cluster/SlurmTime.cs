using System.Globalization;

namespace Learn2Perturb.Cluster;

/// <summary>Slurm's time-limit formats (<c>sbatch --time</c>): minutes, m:s, h:m:s, d-h, d-h:m, d-h:m:s.</summary>
public static class SlurmTime
{
    /// <exception cref="ArgumentException">Not one of Slurm's formats.</exception>
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        int days = 0;
        var dash = t.IndexOf('-');
        if (dash >= 0)
        {
            days = Number(t[..dash], text);
            var rest = t[(dash + 1)..].Split(':').Select(p => Number(p, text)).ToArray();
            if (rest.Length > 3) throw Bad(text);
            return new TimeSpan(days, rest[0], rest.ElementAtOrDefault(1), rest.ElementAtOrDefault(2));
        }
        var parts = t.Split(':').Select(p => Number(p, text)).ToArray();
        return parts.Length switch
        {
            1 => TimeSpan.FromMinutes(parts[0]),
            2 => new TimeSpan(0, parts[0], parts[1]),
            3 => new TimeSpan(parts[0], parts[1], parts[2]),
            _ => throw Bad(text),
        };
    }

    private static int Number(string part, string text) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw Bad(text);

    private static ArgumentException Bad(string text) =>
        new($"time limit '{text}' is not one of Slurm's formats: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes or days-hours:minutes:seconds");
}

using System.Globalization;

namespace KdFamily.Graph.Tests.Observability;

/// <summary>Reads series out of Prometheus' text format.</summary>
public static class PrometheusText
{
    /// <summary>The value of the series <paramref name="name"/> whose labels include every one given (<c>kind="task"</c>), or null when there is none.</summary>
    public static double? Value(string text, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)))
            {
                continue;
            }

            var end = line.LastIndexOf(' ');
            var series = line[..end];
            if (labels.All(label => series.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(line[(end + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}

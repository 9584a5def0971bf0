using System.Globalization;

namespace GraphQLServer.Uploads;

/// <summary>
/// Puts a file where a multipart map path points (<c>variables.input.file</c>, <c>variables.files.1</c>): the value
/// there must exist and be null, as the spec's clients send it. Containers along the path are copied, not changed.
/// </summary>
internal static class UploadVariablePath
{
    public static bool TryPlace(Dictionary<string, object?> variables, string path, IUploadedFile file)
    {
        var segments = path.Split('.');
        if (segments.Length < 2 || segments[0] != "variables" || !variables.TryGetValue(segments[1], out var current))
        {
            return false;
        }

        var placed = Place(current, segments, 2, file, out var ok);
        if (ok)
        {
            variables[segments[1]] = placed;
        }

        return ok;
    }

    private static object? Place(object? current, string[] segments, int index, IUploadedFile file, out bool ok)
    {
        if (index == segments.Length)
        {
            ok = current is null;
            return file;
        }

        var segment = segments[index];
        switch (current)
        {
            case IDictionary<string, object?> map when map.TryGetValue(segment, out var child):
            {
                var copy = new Dictionary<string, object?>(map);
                copy[segment] = Place(child, segments, index + 1, file, out ok);
                return copy;
            }

            case IReadOnlyDictionary<string, object?> map when map.TryGetValue(segment, out var child):
            {
                var copy = map.ToDictionary(p => p.Key, p => p.Value);
                copy[segment] = Place(child, segments, index + 1, file, out ok);
                return copy;
            }

            case IEnumerable<object?> list when current is not string
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var position):
            {
                var copy = list.ToList();
                if (position >= copy.Count)
                {
                    break;
                }

                copy[position] = Place(copy[position], segments, index + 1, file, out ok);
                return copy;
            }
        }

        ok = false;
        return current;
    }
}

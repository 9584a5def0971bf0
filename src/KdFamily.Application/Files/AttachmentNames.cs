namespace KdFamily.Application.Files;

/// <summary>The name a file is listed under: the client's, without folders or control characters, at most 255 characters.</summary>
internal static class AttachmentNames
{
    public const int MaxLength = 255;

    public static string Clean(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length > MaxLength)
        {
            clean = clean[..MaxLength];
        }

        return clean.Length == 0 ? "file" : clean;
    }
}

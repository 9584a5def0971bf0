namespace KdFamily.Domain.Files;

/// <summary>The kinds of file a task may hold as proof, recognised by their bytes.</summary>
public enum AttachmentFileType
{
    Jpeg,
    Png,
    WebP,
    Heic,
    Pdf,
}

/// <summary>
/// Recognises an allowed file by its first bytes (magic numbers), never by its name or declared type: a renamed
/// executable stays unsupported.
/// </summary>
public static class AttachmentFileTypes
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int HeaderLength = 16;

    /// <summary>The ISO base media brands of HEIF images (HEVC-coded, single or sequence), as found in the `ftyp` box.</summary>
    private static readonly string[] HeifBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"];

    public static AttachmentFileType? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return AttachmentFileType.Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return AttachmentFileType.Png;
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return AttachmentFileType.WebP;
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8)
            && HeifBrands.Contains(System.Text.Encoding.ASCII.GetString(header[8..12])))
        {
            return AttachmentFileType.Heic;
        }

        return header.StartsWith("%PDF-"u8) ? AttachmentFileType.Pdf : null;
    }

    public static string ContentType(AttachmentFileType type) => type switch
    {
        AttachmentFileType.Jpeg => "image/jpeg",
        AttachmentFileType.Png => "image/png",
        AttachmentFileType.WebP => "image/webp",
        AttachmentFileType.Heic => "image/heic",
        _ => "application/pdf",
    };
}

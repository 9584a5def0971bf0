using System.Buffers.Binary;
using System.Text;
using KdFamily.Domain.Files;
using KdFamily.Testing;

namespace KdFamily.Domain.Tests.Files;

public sealed class LocationMetadataTests
{
    /// <summary>The Orientation entry of IFD0 as written (tag 0x0112, SHORT, count 1, value 6): it must survive.</summary>
    private static readonly byte[] OrientationEntry = [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)TestImages.Orientation, 0x00];

    [Fact]
    public void Jpeg_WithGpsIfdAndXmp_LosesTheLocationKeepsOrientationAndImageData()
    {
        var original = TestImages.JpegWithGps();

        var stripped = Strip(original, AttachmentFileType.Jpeg);

        Assert.Equal(original.Length, stripped.Length);
        Assert.NotEqual(-1, TestImages.IndexOf(original, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stripped, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stripped, "GPSLatitude"u8));
        Assert.NotEqual(-1, TestImages.IndexOf(stripped, OrientationEntry));
        Assert.Equal(0, GpsEntryCount(stripped, TestImages.IndexOf(stripped, "Exif\0\0"u8) + 6));
        var scan = TestImages.IndexOf(original, [0xFF, 0xDA]);
        Assert.Equal(original[scan..], stripped[scan..]);
    }

    [Fact]
    public void Jpeg_WithoutMetadata_IsLeftAsItIs()
    {
        byte[] plain = [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x03, 0x00, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9];

        Assert.Empty(LocationMetadata.FindRedactions(new MemoryStream(plain), AttachmentFileType.Jpeg)!);
    }

    [Fact]
    public void Jpeg_WithUnreadableExif_LosesTheWholeExifBlock()
    {
        var exif = TestImages.ExifTiff();
        exif[2] = 0x99; // not TIFF's 42
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, (byte)((exif.Length + 8) >> 8), (byte)((exif.Length + 8) & 0xFF), .. "Exif\0\0"u8, .. exif, 0xFF, 0xD9];

        var stripped = Strip(jpeg, AttachmentFileType.Jpeg);

        Assert.All(stripped.AsSpan(12, exif.Length).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Jpeg_TruncatedInsideASegment_CannotBeVouchedFor()
    {
        var jpeg = TestImages.JpegWithGps()[..20];

        Assert.Null(LocationMetadata.FindRedactions(new MemoryStream(jpeg), AttachmentFileType.Jpeg));
    }

    [Fact]
    public void Png_WithExifAndXmpChunks_RenamesThemOverZerosWithValidChunkCrcs()
    {
        var original = TestImages.PngWithGps();

        var stripped = Strip(original, AttachmentFileType.Png);

        Assert.Equal(original.Length, stripped.Length);
        Assert.Equal(-1, TestImages.IndexOf(stripped, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stripped, "GPSLatitude"u8));
        var chunks = PngChunks(stripped);
        Assert.Equal(["IHDR", "kdRm", "kdRm", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.All(chunks, c => Assert.True(c.CrcValid, c.Type));
        Assert.Equal(PngChunks(original).Single(c => c.Type == "IDAT").Data, chunks.Single(c => c.Type == "IDAT").Data);
    }

    [Fact]
    public void WebP_WithExifAndXmpChunks_LosesTheLocationKeepsOrientation()
    {
        var original = TestImages.WebPWithGps();

        var stripped = Strip(original, AttachmentFileType.WebP);

        Assert.Equal(original.Length, stripped.Length);
        Assert.Equal(-1, TestImages.IndexOf(stripped, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stripped, "GPSLatitude"u8));
        Assert.NotEqual(-1, TestImages.IndexOf(stripped, OrientationEntry));
        Assert.Equal(0, GpsEntryCount(stripped, TestImages.IndexOf(stripped, "EXIF"u8) + 8));
    }

    [Fact]
    public void Pdf_HasNothingToRedact()
    {
        Assert.Empty(LocationMetadata.FindRedactions(new MemoryStream("%PDF-1.7\n"u8.ToArray()), AttachmentFileType.Pdf)!);
    }

    private static byte[] Strip(byte[] file, AttachmentFileType type)
    {
        var source = new MemoryStream(file);
        var redactions = LocationMetadata.FindRedactions(source, type);
        Assert.NotNull(redactions);
        using var redacted = new RedactingStream(source, redactions);
        using var output = new MemoryStream();
        redacted.CopyTo(output, 7); // odd chunk sizes: redactions that straddle reads
        return output.ToArray();
    }

    /// <summary>The entry count of the GPS IFD that IFD0's GPSInfo entry (its second) points to, in a little-endian TIFF at <paramref name="tiff"/>.</summary>
    private static int GpsEntryCount(byte[] file, int tiff)
    {
        var ifd0 = tiff + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(tiff + 4));
        var gpsPointer = ifd0 + 2 + 12 + 8;
        return BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(tiff + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(gpsPointer))));
    }

    private static List<(string Type, byte[] Data, bool CrcValid)> PngChunks(byte[] png)
    {
        var chunks = new List<(string, byte[], bool)>();
        for (var p = 8; p < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(p));
            var typed = png.AsSpan(p + 4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(p + 8 + length));
            chunks.Add((Encoding.ASCII.GetString(png, p + 4, 4), png[(p + 8)..(p + 8 + length)], crc == TestImages.PngCrc(typed)));
            p += 12 + length;
        }

        return chunks;
    }
}

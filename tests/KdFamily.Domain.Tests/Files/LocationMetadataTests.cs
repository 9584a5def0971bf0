using System.Buffers.Binary;
using System.Diagnostics;
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
    public void Heic_WithGpsInTheExifItem_LosesTheLocationKeepsOrientationAndEverythingElse()
    {
        var original = TestImages.HeicWithGps();
        var tiff = TestImages.IndexOf(original, [0, 0, 0, 6, .. "Exif\0\0"u8]) + 10;

        var stripped = Strip(original, AttachmentFileType.Heic);

        Assert.Equal(original.Length, stripped.Length);
        Assert.NotEqual(-1, TestImages.IndexOf(original, TestImages.LatitudeRationals));
        Assert.Equal(-1, TestImages.IndexOf(stripped, TestImages.LatitudeRationals));
        Assert.NotEqual(-1, TestImages.IndexOf(stripped, OrientationEntry));
        Assert.Equal(0, GpsEntryCount(stripped, tiff));
        Assert.Equal(original[..tiff], stripped[..tiff]); // ftyp, meta, the image item and the Exif item's header
        Assert.NotEqual(-1, TestImages.IndexOf(stripped, TestImages.HeicImageData));
        Assert.Equal(-1, TestImages.IndexOf(stripped, "GPSLatitude"u8));
        var xmp = TestImages.Xmp();
        Assert.All(stripped[^xmp.Length..], b => Assert.Equal((byte)' ', b)); // the XMP item, last in mdat
    }

    [Fact]
    public void Heic_WithoutAnExifItem_IsLeftAsItIs()
    {
        Assert.Empty(LocationMetadata.FindRedactions(new MemoryStream(TestImages.HeicWithoutExif()), AttachmentFileType.Heic)!);
    }

    public static TheoryData<string> MalformedHeics() =>
        ["exif extent starts past the end", "exif extent runs past the end", "tiff header offset past the item", "truncated in meta",
            "truncated in mdat", "box smaller than its header", "iinf counts more entries than it holds",
            "iinf counts fewer entries than it holds", "exif item not in iloc", "xmp item not in iloc",
            "xmp extent runs past the end", "exif item located twice", "iloc version 3", "iloc offset size 3", "infe shorter than its fields"];

    [Theory]
    [MemberData(nameof(MalformedHeics))]
    public void Heic_WhoseStructureCannotBeFollowed_CannotBeVouchedFor(string defect)
    {
        var heic = TestImages.HeicWithGps();
        var iinf = TestImages.IndexOf(heic, "iinf"u8) - 4;
        var iloc = TestImages.IndexOf(heic, "iloc"u8) - 4;
        var exifLocation = iloc + 16 + 16 + 8; // the second item's extent: offset, then length
        var exifItem = (int)BinaryPrimitives.ReadUInt32BigEndian(heic.AsSpan(exifLocation));
        switch (defect)
        {
            case "exif extent starts past the end":
                BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(exifLocation), (uint)heic.Length + 16);
                break;
            case "exif extent runs past the end":
                BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(exifLocation + 4), (uint)(heic.Length - exifItem + 1));
                break;
            case "tiff header offset past the item":
                BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(exifItem), 0xFFFFFFF0);
                break;
            case "truncated in meta":
                heic = heic[..(iloc + 20)];
                break;
            case "truncated in mdat":
                heic = heic[..^8];
                break;
            case "box smaller than its header":
                BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(iinf), 4);
                break;
            case "iinf counts more entries than it holds":
                BinaryPrimitives.WriteUInt16BigEndian(heic.AsSpan(iinf + 12), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(heic.AsSpan(iinf + 12)) + 1));
                break;
            case "iinf counts fewer entries than it holds":
                BinaryPrimitives.WriteUInt16BigEndian(heic.AsSpan(iinf + 12), 1);
                break;
            case "exif item not in iloc":
                BinaryPrimitives.WriteUInt16BigEndian(heic.AsSpan(iloc + 14), 1);
                break;
            case "xmp item not in iloc":
                BinaryPrimitives.WriteUInt16BigEndian(heic.AsSpan(iloc + 14), 2);
                break;
            case "xmp extent runs past the end":
                BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(exifLocation + 16 + 4), (uint)heic.Length);
                break;
            case "exif item located twice":
                BinaryPrimitives.WriteUInt16BigEndian(heic.AsSpan(iloc + 16 + 32), 2); // the XMP item's entry names the Exif item
                break;
            case "iloc version 3":
                heic[iloc + 8] = 3;
                break;
            case "iloc offset size 3":
                heic[iloc + 12] = 0x34;
                break;
            case "infe shorter than its fields":
                var infe = TestImages.IndexOf(heic, "infe"u8) - 4;
                BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(infe), 8 + 8); // ends before its item type
                break;
        }

        Assert.Null(LocationMetadata.FindRedactions(new MemoryStream(heic), AttachmentFileType.Heic));
    }

    [Fact]
    public async Task Heic_IlocOfAHundredThousandItemsWith65535EmptyExtentsEach_IsRefusedQuickly()
    {
        // 6.5 billion extents of zero bytes each in 1 MB: walking them one by one never ends.
        const int items = 100_000;
        using var iloc = new MemoryStream();
        iloc.Write([2, 0, 0, 0, 0x00, 0x00, .. BigEndian32(items)]); // version 2, every field size 0
        for (var i = 0; i < items; i++)
        {
            iloc.Write([.. BigEndian32(1), 0, 0, 0, 0, 0xFF, 0xFF]); // item 1, construction 0, data reference 0, 65535 extents
        }

        byte[] infe = [.. BigEndian32(8 + 4 + 8), .. "infe"u8, 2, 0, 0, 0, 0, 2, 0, 0, .. "Exif"u8];
        byte[] iinf = [.. BigEndian32((uint)(8 + 6 + infe.Length)), .. "iinf"u8, 0, 0, 0, 0, 0, 1, .. infe];
        byte[] ilocBox = [.. BigEndian32((uint)(8 + iloc.Length)), .. "iloc"u8, .. iloc.ToArray()];
        byte[] heic = [0, 0, 0, 16, .. "ftypheic"u8, 0, 0, 0, 0, .. BigEndian32((uint)(12 + iinf.Length + ilocBox.Length)), .. "meta"u8, 0, 0, 0, 0, .. iinf, .. ilocBox];
        var watch = Stopwatch.StartNew();

        var redactions = await Task.Run(() => LocationMetadata.FindRedactions(new MemoryStream(heic), AttachmentFileType.Heic)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(redactions);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed.TotalMilliseconds:N0} ms");
    }

    [Fact]
    public void Pdf_HasNothingToRedact()
    {
        Assert.Empty(LocationMetadata.FindRedactions(new MemoryStream("%PDF-1.7\n"u8.ToArray()), AttachmentFileType.Pdf)!);
    }

    private static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
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

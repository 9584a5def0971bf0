using System.Buffers.Binary;
using System.Text;

namespace KdFamily.Testing;

/// <summary>
/// Small photos with location metadata, built byte by byte (no image library): what a phone writes, reduced to the
/// structures the location stripping has to find.
/// </summary>
public static class TestImages
{
    /// <summary>GPS latitude 52° 31' 12.34" N, as three rationals: the bytes a test looks for after stripping.</summary>
    public static readonly byte[] LatitudeRationals = Rationals((52, 1), (31, 1), (1234, 100));

    /// <summary>The Exif Orientation value the photos carry (rotate 90°): must survive stripping.</summary>
    public const ushort Orientation = 6;

    /// <summary>
    /// A TIFF (Exif) block, little-endian: IFD0 with Orientation and GPSInfo, and a GPS IFD with GPSLatitudeRef "N"
    /// (inline) and GPSLatitude (three rationals out of line).
    /// </summary>
    public static byte[] ExifTiff()
    {
        const int ifd0 = 8;
        const int ifd0Size = 2 + (2 * 12) + 4;
        const int gps = ifd0 + ifd0Size;
        const int gpsSize = 2 + (2 * 12) + 4;
        const int latitude = gps + gpsSize;
        var tiff = new byte[latitude + LatitudeRationals.Length];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), ifd0);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(ifd0), 2);
        Entry(tiff, ifd0 + 2, 0x0112, 3, 1, Orientation);
        Entry(tiff, ifd0 + 14, 0x8825, 4, 1, gps);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(gps), 2);
        Entry(tiff, gps + 2, 0x0001, 2, 2, BinaryPrimitives.ReadUInt32LittleEndian("N\0\0\0"u8));
        Entry(tiff, gps + 14, 0x0002, 5, 3, latitude);
        LatitudeRationals.CopyTo(tiff, latitude);
        return tiff;
    }

    /// <summary>A JPEG: SOI, APP1 Exif (<see cref="ExifTiff"/>), APP1 XMP naming the place, a quantisation table, SOS, a few bytes of scan data, EOI.</summary>
    public static byte[] JpegWithGps()
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xE1, [.. "Exif\0\0"u8, .. ExifTiff()]);
        Segment(jpeg, 0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Xmp()]);
        Segment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        jpeg.Write([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.Write(Enumerable.Range(0, 256).Select(i => (byte)(i % 255)).ToArray());
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>A PNG: signature, IHDR, eXIf (<see cref="ExifTiff"/>), iTXt XMP, IDAT, IEND.</summary>
    public static byte[] PngWithGps()
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        Chunk(png, "eXIf", ExifTiff());
        Chunk(png, "iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. Xmp()]);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A WebP (extended format): RIFF header, VP8X, EXIF (<see cref="ExifTiff"/>), XMP, and a token VP8L chunk.</summary>
    public static byte[] WebPWithGps()
    {
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        RiffChunk(body, "VP8X", [0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        RiffChunk(body, "EXIF", ExifTiff());
        RiffChunk(body, "XMP ", Xmp());
        RiffChunk(body, "VP8L", [0x2F, 0, 0, 0, 0]);
        using var webp = new MemoryStream();
        webp.Write("RIFF"u8);
        webp.Write(LittleEndian32((uint)body.Length));
        body.WriteTo(webp);
        return webp.ToArray();
    }

    /// <summary>The bytes of the HEIC fixtures' image item (a token HEVC payload): must come through stripping unchanged.</summary>
    public static readonly byte[] HeicImageData = [.. Enumerable.Range(0, 64).Select(i => (byte)(0x80 + i))];

    /// <summary>
    /// A HEIC (ISO base media file, brand <c>heic</c>): <c>ftyp</c>; <c>meta</c> with <c>hdlr</c> (pict), <c>pitm</c>,
    /// <c>iinf</c> (version 2 <c>infe</c> entries: item 1 <c>hvc1</c>, item 2 <c>Exif</c>, item 3 <c>mime</c> XMP) and
    /// <c>iloc</c> (version 1, 4-byte offsets and lengths into the file); <c>mdat</c> with the image item
    /// (<see cref="HeicImageData"/>), the Exif item as HEIF defines it (a 4-byte offset to the TIFF header, 6, then
    /// <c>Exif\0\0</c> and <see cref="ExifTiff"/>), then the XMP item (<see cref="Xmp"/>).
    /// </summary>
    public static byte[] HeicWithGps() => Heic(withExif: true);

    /// <summary>The <see cref="HeicWithGps"/> layout with the image item only.</summary>
    public static byte[] HeicWithoutExif() => Heic(withExif: false);

    /// <summary>The XMP packet the photos carry, which names the place in words too.</summary>
    public static byte[] Xmp() => Encoding.UTF8.GetBytes(
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"52,31.2057N\"/></rdf:RDF></x:xmpmeta>");

    /// <summary>Where <paramref name="needle"/> first occurs in <paramref name="haystack"/>, or -1.</summary>
    public static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    private static byte[] Heic(bool withExif)
    {
        // Each infe entry's type is followed by the item's name (empty) and, for a mime item, its content type.
        List<(ushort Id, string Type, byte[] Strings, byte[] Data)> items = [(1, "hvc1", [0], HeicImageData)];
        if (withExif)
        {
            items.Add((2, "Exif", [0], [0, 0, 0, 6, .. "Exif\0\0"u8, .. ExifTiff()]));
            items.Add((3, "mime", [0, .. "application/rdf+xml\0"u8], Xmp()));
        }

        var ftyp = Box("ftyp", [.. "heic"u8, 0, 0, 0, 0, .. "mif1"u8, .. "heic"u8]);
        var hdlr = FullBox("hdlr", 0, [0, 0, 0, 0, .. "pict"u8, .. new byte[12], 0]);
        var pitm = FullBox("pitm", 0, [0, 1]);
        var iinf = FullBox("iinf", 0, [.. BigEndian16((ushort)items.Count), .. items.SelectMany(i =>
            FullBox("infe", 2, [.. BigEndian16(i.Id), 0, 0, .. Encoding.ASCII.GetBytes(i.Type), .. i.Strings]))]);
        const int ilocItemSize = 2 + 2 + 2 + 2 + 4 + 4; // item_ID, construction_method, data_reference_index, extent_count, offset, length
        var ilocSize = 8 + 4 + 2 + 2 + (items.Count * ilocItemSize);
        var metaSize = 8 + 4 + hdlr.Length + pitm.Length + iinf.Length + ilocSize;
        var data = ftyp.Length + metaSize + 8; // the first byte of mdat's content
        using var locations = new MemoryStream();
        locations.Write([0x44, 0x00]); // offset_size 4, length_size 4, base_offset_size 0, index_size 0
        locations.Write(BigEndian16((ushort)items.Count));
        foreach (var (id, _, _, bytes) in items)
        {
            locations.Write([.. BigEndian16(id), 0, 0, 0, 0, 0, 1, .. BigEndian32((uint)data), .. BigEndian32((uint)bytes.Length)]);
            data += bytes.Length;
        }

        var iloc = FullBox("iloc", 1, locations.ToArray());
        var meta = FullBox("meta", 0, [.. hdlr, .. pitm, .. iinf, .. iloc]);
        return [.. ftyp, .. meta, .. Box("mdat", [.. items.SelectMany(i => i.Data)])];
    }

    private static byte[] Box(string type, byte[] content) => [.. BigEndian32((uint)(8 + content.Length)), .. Encoding.ASCII.GetBytes(type), .. content];

    private static byte[] FullBox(string type, byte version, byte[] content) => Box(type, [version, 0, 0, 0, .. content]);

    private static byte[] BigEndian16(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
    }

    private static byte[] Rationals(params (uint Numerator, uint Denominator)[] values) =>
        values.SelectMany(v => LittleEndian32(v.Numerator).Concat(LittleEndian32(v.Denominator))).ToArray();

    private static byte[] LittleEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static void Segment(Stream jpeg, byte marker, byte[] data)
    {
        jpeg.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)((data.Length + 2) & 0xFF)]);
        jpeg.Write(data);
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, PngCrc(typed));
        png.Write(crc);
    }

    private static void RiffChunk(Stream riff, string type, byte[] data)
    {
        riff.Write(Encoding.ASCII.GetBytes(type));
        riff.Write(LittleEndian32((uint)data.Length));
        riff.Write(data);
        if (data.Length % 2 == 1)
        {
            riff.WriteByte(0);
        }
    }

    /// <summary>CRC-32 as PNG defines it, computed bit by bit (independent of the code under test).</summary>
    public static uint PngCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}

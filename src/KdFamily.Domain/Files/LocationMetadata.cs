using System.Buffers.Binary;

namespace KdFamily.Domain.Files;

/// <summary>
/// Where a photo says where it was taken, as byte ranges to overwrite in place (the file keeps its length, so it can
/// be streamed to storage as it is read, with <see cref="RedactingStream"/>). Reads only the container's headers and
/// metadata blocks, never the image data:
/// <list type="bullet">
/// <item>JPEG: the GPS IFD of the APP1 Exif segment is blanked (<see cref="ExifGps"/>; a malformed Exif block is
/// zeroed whole), XMP APP1 segments (which may repeat the location) are blanked with spaces.</item>
/// <item>PNG: <c>eXIf</c> and text chunks (<c>tEXt</c>, <c>zTXt</c>, <c>iTXt</c>, where XMP lives) become an ignored
/// private chunk of zeros, with their CRC recomputed.</item>
/// <item>WebP: the GPS IFD of the <c>EXIF</c> chunk is blanked, the <c>XMP </c> chunk filled with spaces.</item>
/// <item>HEIC: the GPS IFD of the <c>Exif</c> item (located through <c>meta</c>/<c>iinf</c>/<c>iloc</c>) is blanked, XMP
/// items (<c>mime</c>, <c>application/rdf+xml</c>) are filled with spaces.</item>
/// </list>
/// Returns null when a photo's structure cannot be followed: then nobody can say it holds no location, and it is refused.
/// </summary>
public static class LocationMetadata
{
    private const int MaxMetadataBlock = 4 * 1024 * 1024;
    private static readonly byte[] ExifHeader = "Exif\0\0"u8.ToArray();
    private static readonly byte[] XmpHeader = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();
    private static readonly byte[] XmpExtensionHeader = "http://ns.adobe.com/xmp/extension/\0"u8.ToArray();

    public static IReadOnlyList<ByteRedaction>? FindRedactions(Stream file, AttachmentFileType type)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return type switch
            {
                AttachmentFileType.Jpeg => Jpeg(file),
                AttachmentFileType.Png => Png(file),
                AttachmentFileType.WebP => WebP(file),
                AttachmentFileType.Heic => Heic(file),
                _ => [],
            };
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static List<ByteRedaction>? Jpeg(Stream file)
    {
        var redactions = new List<ByteRedaction>();
        long position = 2;
        while (true)
        {
            var marker = ReadAt(file, position, 2);
            if (marker[0] != 0xFF)
            {
                return null;
            }

            if (marker[1] == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker[1] is 0xDA or 0xD9)
            {
                return redactions; // start of scan: only image data follows
            }

            if (marker[1] is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(ReadAt(file, position + 2, 2));
            if (length < 2)
            {
                return null;
            }

            var dataStart = position + 4;
            var dataLength = length - 2;
            if (marker[1] == 0xE1)
            {
                var data = ReadAt(file, dataStart, dataLength);
                if (data.AsSpan().StartsWith(ExifHeader))
                {
                    AddExif(redactions, data.AsSpan(ExifHeader.Length), dataStart + ExifHeader.Length);
                }
                else if (data.AsSpan().StartsWith(XmpHeader) || data.AsSpan().StartsWith(XmpExtensionHeader))
                {
                    var header = data.AsSpan().StartsWith(XmpHeader) ? XmpHeader.Length : XmpExtensionHeader.Length;
                    redactions.Add(new(dataStart + header, dataLength - header, (byte)' '));
                }
            }

            position = dataStart + dataLength;
        }
    }

    private static List<ByteRedaction> Png(Stream file)
    {
        var redactions = new List<ByteRedaction>();
        long position = 8;
        while (position + 12 <= file.Length)
        {
            var header = ReadAt(file, position, 8);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            if (position + 12 + length > file.Length)
            {
                throw new EndOfStreamException();
            }

            if (type is "eXIf" or "tEXt" or "zTXt" or "iTXt")
            {
                // An ancillary, private, safe-to-copy chunk type that no decoder interprets, over zeros, with its CRC.
                var replacementType = "kdRm"u8.ToArray();
                redactions.Add(ByteRedaction.Of(position + 4, replacementType));
                redactions.Add(new(position + 8, length));
                var crc = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.OfTypeAndZeros(replacementType, length));
                redactions.Add(ByteRedaction.Of(position + 8 + length, crc));
            }

            if (type == "IEND")
            {
                break;
            }

            position += 12 + length;
        }

        return redactions;
    }

    private static List<ByteRedaction> WebP(Stream file)
    {
        var redactions = new List<ByteRedaction>();
        long position = 12;
        while (position + 8 <= file.Length)
        {
            var header = ReadAt(file, position, 8);
            var type = System.Text.Encoding.ASCII.GetString(header, 0, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var dataStart = position + 8;
            if (type == "EXIF")
            {
                var data = ReadAt(file, dataStart, Bounded(length));
                var skip = data.AsSpan().StartsWith(ExifHeader) ? ExifHeader.Length : 0;
                AddExif(redactions, data.AsSpan(skip), dataStart + skip);
            }
            else if (type == "XMP ")
            {
                redactions.Add(new(dataStart, length, (byte)' '));
            }

            position = dataStart + length + (length % 2);
        }

        return redactions;
    }

    private static List<ByteRedaction>? Heic(Stream file)
    {
        var meta = FindBox(file, 0, file.Length, "meta");
        if (meta is not { } m)
        {
            return [];
        }

        var childrenStart = m.Start + 4; // a full box: version and flags
        var exifItems = new HashSet<uint>();
        var xmpItems = new HashSet<uint>();
        if (FindBox(file, childrenStart, m.End, "iinf") is { } iinf)
        {
            var version = ReadAt(file, iinf.Start, 1)[0];
            var entryCount = version == 0 ? BinaryPrimitives.ReadUInt16BigEndian(ReadAt(file, iinf.Start + 4, 2)) : BinaryPrimitives.ReadUInt32BigEndian(ReadAt(file, iinf.Start + 4, 4));
            var entries = iinf.Start + 4 + (version == 0 ? 2 : 4);
            long found = 0;
            for (var infe = FindBox(file, entries, iinf.End, "infe"); infe is { } box; infe = FindBox(file, box.End, iinf.End, "infe"))
            {
                found++;
                var infeVersion = ReadAt(file, box.Start, 1)[0];
                if (infeVersion < 2)
                {
                    continue;
                }

                var typeAt = infeVersion == 2 ? 8 : 10;
                if (box.Start + typeAt + 4 > box.End)
                {
                    return null;
                }

                var head = ReadAt(file, box.Start, typeAt + 4);
                var itemId = infeVersion == 2 ? BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(4)) : BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4));
                if (head.AsSpan(typeAt, 4).SequenceEqual("Exif"u8))
                {
                    exifItems.Add(itemId);
                }
                else if (head.AsSpan(typeAt, 4).SequenceEqual("mime"u8)
                    && IsXmp(ReadAt(file, box.Start + typeAt + 4, Bounded((ulong)(box.End - box.Start - typeAt - 4)))))
                {
                    xmpItems.Add(itemId);
                }
            }

            if (found != entryCount)
            {
                return null; // entries a reader following the count would miss, or read from elsewhere
            }
        }

        if (exifItems.Count + xmpItems.Count == 0)
        {
            return [];
        }

        if (FindBox(file, childrenStart, m.End, "iloc") is not { } iloc)
        {
            return null;
        }

        var redactions = new List<ByteRedaction>();
        var reader = new BoxReader(file, iloc.Start, iloc.End);
        var ilocVersion = reader.Byte();
        reader.Skip(3);
        var sizes = reader.Byte();
        var sizes2 = reader.Byte();
        int offsetSize = sizes >> 4, lengthSize = sizes & 0xF, baseOffsetSize = sizes2 >> 4, indexSize = ilocVersion is 1 or 2 ? sizes2 & 0xF : 0;
        if (ilocVersion > 2 || new[] { offsetSize, lengthSize, baseOffsetSize, indexSize }.Any(size => size is not (0 or 4 or 8)))
        {
            return null;
        }

        var located = new HashSet<uint>();
        var itemCount = ilocVersion < 2 ? reader.Number(2) : reader.Number(4);
        for (ulong i = 0; i < itemCount; i++)
        {
            var itemId = (uint)(ilocVersion < 2 ? reader.Number(2) : reader.Number(4));
            var constructionMethod = ilocVersion is 1 or 2 ? reader.Number(2) & 0xF : 0;
            reader.Skip(2); // data_reference_index
            var baseOffset = reader.Number(baseOffsetSize);
            var extentCount = (int)reader.Number(2);
            if (!exifItems.Contains(itemId) && !xmpItems.Contains(itemId))
            {
                reader.Skip(extentCount * (indexSize + offsetSize + lengthSize)); // in one step: empty extents cost no time
                continue;
            }

            if (constructionMethod != 0 || extentCount != 1 || !located.Add(itemId))
            {
                return null; // inside `idat`, split in pieces or located twice: not followed, so not vouched for
            }

            reader.Number(indexSize);
            var (offset, length) = (reader.Number(offsetSize), reader.Number(lengthSize));
            var start = (long)(baseOffset + offset);
            if (start < 0 || start > file.Length || length > (ulong)(file.Length - start))
            {
                return null;
            }

            var itemLength = length == 0 ? file.Length - start : (long)length; // 0: to the end of the file
            if (xmpItems.Contains(itemId))
            {
                redactions.Add(new(start, itemLength, (byte)' '));
                continue;
            }

            var data = ReadAt(file, start, Bounded((ulong)itemLength));
            if (data.Length < 4)
            {
                return null;
            }

            var tiffStart = 4 + (long)BinaryPrimitives.ReadUInt32BigEndian(data);
            if (tiffStart > data.Length)
            {
                return null;
            }

            AddExif(redactions, data.AsSpan((int)tiffStart), start + tiffStart);
        }

        return located.Count == exifItems.Count + xmpItems.Count ? redactions : null; // an item with no location: cannot be followed
    }

    /// <summary>Whether the strings after an <c>infe</c>'s item type (name, then for <c>mime</c> items the content type) declare XMP.</summary>
    private static bool IsXmp(ReadOnlySpan<byte> strings)
    {
        var nameEnd = strings.IndexOf((byte)0);
        var contentType = nameEnd < 0 ? [] : strings[(nameEnd + 1)..];
        var end = contentType.IndexOf((byte)0);
        return (end < 0 ? contentType : contentType[..end]).SequenceEqual("application/rdf+xml"u8);
    }

    private static void AddExif(List<ByteRedaction> redactions, ReadOnlySpan<byte> tiff, long tiffStart)
    {
        if (ExifGps.FindRedactions(tiff) is { } ranges)
        {
            redactions.AddRange(ranges.Select(r => new ByteRedaction(tiffStart + r.Offset, r.Length)));
        }
        else
        {
            redactions.Add(new(tiffStart, tiff.Length)); // unreadable: no part of it can be vouched for
        }
    }

    /// <summary>The first box of <paramref name="type"/> between the offsets: its content's start and its end.</summary>
    private static (long Start, long End)? FindBox(Stream file, long from, long to, string type)
    {
        var position = from;
        while (position + 8 <= to)
        {
            var header = ReadAt(file, position, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerLength = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(ReadAt(file, position + 8, 8));
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = to - position;
            }

            if (size < headerLength || position + size > to)
            {
                throw new EndOfStreamException();
            }

            if (System.Text.Encoding.ASCII.GetString(header, 4, 4) == type)
            {
                return (position + headerLength, position + size);
            }

            position += size;
        }

        return null;
    }

    private static int Bounded(ulong length) => length <= MaxMetadataBlock ? (int)length : throw new EndOfStreamException();

    private static byte[] ReadAt(Stream file, long offset, int count)
    {
        if (offset < 0 || offset + count > file.Length)
        {
            throw new EndOfStreamException();
        }

        var buffer = new byte[count];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Reads the fields of one box in order, never past its end.</summary>
    private sealed class BoxReader(Stream file, long position, long end)
    {
        private long _position = position;

        public byte Byte() => Take(1)[0];

        public void Skip(long count) => _position = count <= end - _position ? _position + count : throw new EndOfStreamException();

        public ulong Number(int size)
        {
            ulong value = 0;
            foreach (var b in Take(size))
            {
                value = (value << 8) | b;
            }

            return value;
        }

        private byte[] Take(int count)
        {
            if (count > end - _position)
            {
                throw new EndOfStreamException();
            }

            var bytes = ReadAt(file, _position, count);
            _position += count;
            return bytes;
        }
    }
}

using System.Buffers.Binary;

namespace KdFamily.Domain.Files;

/// <summary>
/// Finds the GPS IFD of an Exif (TIFF) block: the IFD that IFD0's GPSInfo tag (0x8825) points to. Blanking it —
/// entry count 0, entries and the values they point to zeroed — removes every location tag while all other offsets,
/// and so orientation, date and camera, stay valid.
/// </summary>
public static class ExifGps
{
    private const ushort GpsInfoTag = 0x8825;
    private const int MaxIfdsFollowed = 4;

    /// <summary>
    /// The ranges of <paramref name="tiff"/> (relative to its start) to zero; empty when there is no GPS IFD; null when
    /// the block is malformed (then the whole block should go).
    /// </summary>
    public static IReadOnlyList<(int Offset, int Length)>? FindRedactions(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }

        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return null;
        }

        if (U16(tiff, 2, little) != 42)
        {
            return null;
        }

        var ranges = new List<(int, int)>();
        var ifd = U32(tiff, 4, little);
        for (var followed = 0; ifd != 0 && followed < MaxIfdsFollowed; followed++)
        {
            if (!TryEntries(tiff, ifd, little, out var count))
            {
                return null;
            }

            for (var i = 0; i < count; i++)
            {
                var entry = (int)ifd + 2 + (12 * i);
                if (U16(tiff, entry, little) == GpsInfoTag && !TryBlankGpsIfd(tiff, U32(tiff, entry + 8, little), little, ranges))
                {
                    return null;
                }
            }

            ifd = U32(tiff, (int)ifd + 2 + (12 * count), little);
        }

        return ranges;
    }

    private static bool TryBlankGpsIfd(ReadOnlySpan<byte> tiff, uint gps, bool little, List<(int, int)> ranges)
    {
        if (!TryEntries(tiff, gps, little, out var count))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var entry = (int)gps + 2 + (12 * i);
            var size = (long)TypeSize(U16(tiff, entry + 2, little)) * U32(tiff, entry + 4, little);
            var valueOffset = U32(tiff, entry + 8, little);
            if (size > 4)
            {
                if (valueOffset + size > tiff.Length)
                {
                    return false;
                }

                ranges.Add(((int)valueOffset, (int)size));
            }
        }

        ranges.Add(((int)gps, 2 + (12 * count)));
        return true;
    }

    private static bool TryEntries(ReadOnlySpan<byte> tiff, uint ifd, bool little, out int count)
    {
        count = 0;
        if (ifd < 8 || ifd + 2L > tiff.Length)
        {
            return false;
        }

        count = U16(tiff, (int)ifd, little);
        return ifd + 2L + (12L * count) + 4 <= tiff.Length;
    }

    private static int TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 => 8,
        _ => 1,
    };

    private static ushort U16(ReadOnlySpan<byte> data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]) : BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);

    private static uint U32(ReadOnlySpan<byte> data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]) : BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
}

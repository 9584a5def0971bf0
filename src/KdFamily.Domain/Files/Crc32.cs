namespace KdFamily.Domain.Files;

/// <summary>The CRC-32 of PNG chunks (ISO 3309, as PNG specifies), for a chunk of a given type over zeros.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    public static uint OfTypeAndZeros(ReadOnlySpan<byte> type, long zeros)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        for (long i = 0; i < zeros; i++)
        {
            crc = Table[crc & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

using System.Buffers.Text;
using System.Text;

namespace GraphQLServer.Relay;

/// <summary>
/// Opaque Relay global IDs: base64url of "TypeName:guid". Clients must treat them as opaque; the type name lets
/// `node(id)` find the right loader and makes an ID of one type useless where another is expected.
/// The REST auth facade uses the same encoder, so its user and family IDs are the graph's.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, Guid id)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        if (typeName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A type name must not contain ':'.", nameof(typeName));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(typeName.Length, 128, nameof(typeName));

        // "TypeName:" + 32 hex digits, formatted on the stack: a response carries an ID per node.
        Span<byte> text = stackalloc byte[Encoding.UTF8.GetMaxByteCount(typeName.Length) + 33];
        var length = Encoding.UTF8.GetBytes(typeName, text);
        text[length++] = (byte)':';
        id.TryFormat(text[length..], out var written, "N");
        return Base64Url.EncodeToString(text[..(length + written)]);
    }

    /// <summary>
    /// An opaque, stable ID for an object identified by several keys (e.g. a member's row of a ranking): base64url of
    /// "TypeName:key1:key2…". <see cref="Decode(string?)"/> does not read these back: they name objects a normalized
    /// cache keeps, not objects <c>node(id)</c> refetches.
    /// </summary>
    public static string EncodeCompound(string typeName, params string[] keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(keys);
        if (typeName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A type name must not contain ':'.", nameof(typeName));
        }

        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(':', [typeName, .. keys])));
    }

    /// <summary>Decodes any global ID; null when it is not one of ours.</summary>
    public static (string TypeName, Guid Id)? Decode(string? globalId)
    {
        if (string.IsNullOrEmpty(globalId) || globalId.Length > 200)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(globalId);
        }
        catch (FormatException)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !Guid.TryParseExact(text.AsSpan(separator + 1), "N", out var id))
        {
            return null;
        }

        return (text[..separator], id);
    }

    /// <summary>The GUID of a global ID of <paramref name="typeName"/>; null for malformed IDs and IDs of other types.</summary>
    public static Guid? Decode(string? globalId, string typeName) =>
        Decode(globalId) is { } decoded && decoded.TypeName == typeName ? decoded.Id : null;
}

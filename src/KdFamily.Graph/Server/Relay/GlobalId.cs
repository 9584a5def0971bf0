using System.Buffers.Text;
using System.Text;

namespace KdFamily.Graph.Server.Relay;

/// <summary>
/// Opaque Relay global object IDs: base64url (RFC 4648 §5, no padding) of <c>"TypeName:guid"</c>, the guid in
/// "N" format (32 hex digits, no dashes). Example: <c>User:0190f1d2c3b44a5e8f0011223344aabb</c> → its base64url text.
/// The REST auth facade and the graph's <c>Node</c> support use this one encoder, so IDs match everywhere.
/// </summary>
public static class GlobalId
{
    private const char Separator = ':';

    public static string Serialize(string typeName, Guid id)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        if (typeName.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException("A type name must not contain ':'.", nameof(typeName));
        }

        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}{Separator}{id:N}"));
    }

    /// <summary>Decodes an ID; false for anything that is not a well-formed global ID (never throws on input).</summary>
    public static bool TryDeserialize(string? globalId, out string typeName, out Guid id)
    {
        typeName = "";
        id = Guid.Empty;
        if (string.IsNullOrEmpty(globalId) || globalId.Length > 256 || !Base64Url.IsValid(globalId))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(globalId));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || !Guid.TryParseExact(text.AsSpan(separator + 1), "N", out id))
        {
            id = Guid.Empty;
            return false;
        }

        typeName = text[..separator];
        return true;
    }

    /// <summary>Decodes an ID expected to be of <paramref name="expectedTypeName"/>; null otherwise.</summary>
    public static Guid? TryDeserialize(string? globalId, string expectedTypeName) =>
        TryDeserialize(globalId, out var typeName, out var id) && string.Equals(typeName, expectedTypeName, StringComparison.Ordinal)
            ? id
            : null;
}

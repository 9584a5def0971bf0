using System.Text;
using KdFamily.Graph.Server.Relay;

namespace KdFamily.Graph.Tests.Server.Relay;

public sealed class GlobalIdTests
{
    [Fact]
    public void Serialize_UserId_IsUnpaddedBase64UrlOfTypeAndGuid()
    {
        var id = Guid.Parse("0190f1d2-c3b4-4a5e-8f00-11223344aabb");

        var globalId = GlobalId.Serialize("User", id);

        Assert.DoesNotContain('=', globalId);
        var padded = globalId.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        Assert.Equal("User:0190f1d2c3b44a5e8f0011223344aabb", Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
    }

    [Fact]
    public void TryDeserialize_SerializedId_RoundTrips()
    {
        var id = Guid.NewGuid();

        Assert.True(GlobalId.TryDeserialize(GlobalId.Serialize("Family", id), out var type, out var decoded));
        Assert.Equal("Family", type);
        Assert.Equal(id, decoded);
        Assert.Equal(id, GlobalId.TryDeserialize(GlobalId.Serialize("Family", id), "Family"));
        Assert.Null(GlobalId.TryDeserialize(GlobalId.Serialize("Family", id), "User"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("VXNlcg")] // "User", no separator
    [InlineData("VXNlcjpub3QtYS1ndWlk")] // "User:not-a-guid"
    [InlineData("OjAxOTBmMWQyYzNiNDRhNWU4ZjAwMTEyMjMzNDRhYWJi")] // ":guid", no type
    public void TryDeserialize_Malformed_ReturnsFalse(string input)
    {
        Assert.False(GlobalId.TryDeserialize(input, out _, out _));
    }
}

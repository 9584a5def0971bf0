using System.Text;
using GraphQLServer.Relay;

namespace GraphQLServer.Tests.Relay;

public sealed class GlobalIdTests
{
    [Fact]
    public void Encode_TypeNameWithSeparator_Throws() =>
        Assert.Throws<ArgumentException>(() => GlobalId.Encode("A:B", Guid.NewGuid()));

    [Fact]
    public void Encode_UserId_IsUnpaddedBase64UrlOfTypeAndGuid()
    {
        var id = Guid.Parse("0190f1d2-c3b4-4a5e-8f00-11223344aabb");

        var globalId = GlobalId.Encode("User", id);

        Assert.DoesNotContain('=', globalId);
        var padded = globalId.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        Assert.Equal("User:0190f1d2c3b44a5e8f0011223344aabb", Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
    }

    [Fact]
    public void Decode_EncodedId_RoundTrips()
    {
        var id = Guid.NewGuid();

        var decoded = GlobalId.Decode(GlobalId.Encode("Family", id));

        Assert.Equal(("Family", id), decoded);
        Assert.Equal(id, GlobalId.Decode(GlobalId.Encode("Family", id), "Family"));
        Assert.Null(GlobalId.Decode(GlobalId.Encode("Family", id), "User"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("VXNlcg")] // "User", no separator
    [InlineData("VXNlcjpub3QtYS1ndWlk")] // "User:not-a-guid"
    [InlineData("OjAxOTBmMWQyYzNiNDRhNWU4ZjAwMTEyMjMzNDRhYWJi")] // ":guid", no type
    public void Decode_Malformed_ReturnsNull(string input)
    {
        Assert.Null(GlobalId.Decode(input));
    }
}

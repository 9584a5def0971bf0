using System.Text.Json.Nodes;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using NodaTime;

namespace KdFamily.Graph.Tests.Families;

/// <summary>Seeds a family and posts operations as one of its members, for the family administration tests.</summary>
internal static class FamilyAdminClient
{
    public static async Task<FamilySeed> SeedFamilyAsync(this KdFamilyApiFactory factory, int members = 4, int tasks = 0)
    {
        var seed = FamilySeed.Create("Admin", members, tasks, SystemClock.Instance.GetCurrentInstant());
        seed.Family.InviteCode = InviteCodes.New(); // a code registration accepts as typed (upper case)
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    public static async Task<JsonObject> PostAsAsync(this KdFamilyApiFactory factory, User? caller, string operation, object variables)
    {
        using var client = factory.CreateClient();
        var token = caller is null ? null : TestTokens.For(factory.Services, caller);
        return await client.PostGraphQLAsync(operation, variables, token);
    }

    /// <summary>`data.{field}` of a mutation response, asserting there were no request-level errors.</summary>
    public static JsonNode Payload(this JsonObject response, string field)
    {
        Assert.True(response["errors"] is null, response.ToJsonString());
        return response["data"]![field]!;
    }

    /// <summary>The one typed error of a payload: (__typename, code).</summary>
    public static (string Type, string Code) SingleError(this JsonNode payload)
    {
        var errors = payload["errors"]!.AsArray();
        Assert.Single(errors);
        return (errors[0]!["__typename"]!.GetValue<string>(), errors[0]!["code"]!.GetValue<string>());
    }

    /// <summary>extensions.code of the first request-level error (e.g. AUTH_NOT_AUTHORIZED).</summary>
    public static string RequestErrorCode(this JsonObject response) => response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();
}

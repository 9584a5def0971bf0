using System.Net.Http.Headers;
using System.Text.Json;
using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.Limits;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.ReadGraph;

/// <summary>
/// A structural guard for the dashboard's cost (issue 9): the bytes the whole process allocates per FamilyDashboard
/// of the bench family's shape (8 members, 110 open tasks, ≈23 KB of JSON), measured with the runtime's allocation
/// counter while nothing else runs. Speed is measured in bench/, never here; this fails when a change brings back
/// what the profile removed (search vectors or password hashes read with every row, EF Core materialization on
/// this path, unpooled request and response buffers, a task per primed row), each of which costs more than the
/// margin.
/// </summary>
[Collection(ServerCostMeasuredAlone.Name)]
public sealed class FamilyDashboardAllocationTests(FixedClockApiFactory factory, ITestOutputHelper output) : IClassFixture<FixedClockApiFactory>
{
    /// <summary>
    /// Measured with the in-process client and test host included: 616 KB per request before the changes of issue 9
    /// (a87230a), 350 KB on 2026-11-30, 395 KB once the rewards, away and reminder fields had been added, 374 KB on
    /// 2026-12-01 after the batched reads, positional parameters and one cached result per loaded key.
    /// </summary>
    private const long MaxBytesPerRequest = 400 * 1024;

    [Fact]
    public async Task FamilyDashboard_BenchShapedFamily_AllocatesABoundedAmountPerRequest()
    {
        var seed = FamilySeed.Create("Allocations", memberCount: 8, taskCount: 137, FixedClockApiFactory.Now);
        await seed.SaveAsync(factory.Services);
        var token = factory.TokenFor(seed.Advisor);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            query = Operations.Load("FamilyDashboard"),
            variables = new { familyId = GlobalId.Encode("Family", seed.Family.Id) },
        });
        using var client = factory.CreateClient();
        await factory.Services.WaitUntilSessionCacheIsTrustedAsync();

        for (var i = 0; i < 20; i++)
        {
            await SendAsync(client, body, token);
        }

        const int requests = 50;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            await SendAsync(client, body, token);
        }

        var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / requests;
        output.WriteLine($"{perRequest:N0} bytes allocated per FamilyDashboard");
        Assert.InRange(perRequest, 1, MaxBytesPerRequest);
    }

    private static async Task SendAsync(HttpClient client, byte[] body, string token)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode && bytes.Length > 10_000, $"HTTP {(int)response.StatusCode}, {bytes.Length} bytes");
    }
}

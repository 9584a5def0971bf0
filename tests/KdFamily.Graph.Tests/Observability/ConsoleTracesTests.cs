using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Observability;

/// <summary>
/// The local way to look at a trace the README gives: <c>OTEL_TRACES_EXPORTER=console</c> prints every span, the GraphQL
/// operation's with its name and cost, to the process's output.
/// </summary>
public sealed class ConsoleTracesTests
{
    [Fact]
    public async Task ConsoleExporter_PrintsTheOperationSpan()
    {
        await using var host = await HostProcess.StartAsync(TestServers.Redis.ConnectionString, [new("OTEL_TRACES_EXPORTER", "console")]);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        await http.PostGraphQLAsync("query PrintedSpan { __typename }");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!host.Output.Any(line => line.Contains("Activity.DisplayName:", StringComparison.Ordinal) && line.Contains("query PrintedSpan", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "no span printed within 10 s:\n" + host.Describe());
            await Task.Delay(50);
        }

        Assert.Contains(host.Output, line => line.Contains("graphql.operation.cost:", StringComparison.Ordinal));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// The topic bus's publish counters are in /metrics from the start (a counter that appears only after its first
/// failure cannot be alerted on, nor rated). A fresh process: prometheus-net's registry is process-wide, so only a new
/// process shows what exists before anything happened.
/// </summary>
public sealed partial class PublishMetricsTests
{
    [Fact]
    public async Task FreshHost_ListsPublishCountersAtZero_AndCountsSuccessfulPublishes()
    {
        await using var host = await HostProcess.StartAsync(TestServers.Redis.ConnectionString);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var fresh = await KdFamilyApiFactory.GetMetricsAsync(http);
        Assert.Equal(0, Counter(fresh, "kdfamily_pubsub_published_total"));
        Assert.Equal(0, Counter(fresh, "kdfamily_pubsub_publish_failures_total"));

        // Registering publishes memberJoined; creating a task publishes taskCreated and taskUpdated.
        var registered = await http.RegisterAsync(AuthApiClient.NewName("pm"));
        await http.PostGraphQLAsync("mutation { createTask(input: {title: \"Counted\", points: 1}) { task { id } } }", accessToken: registered.Str("accessToken"));

        var after = await KdFamilyApiFactory.GetMetricsAsync(http);
        Assert.True(Counter(after, "kdfamily_pubsub_published_total") >= 2, after);
        Assert.Equal(0, Counter(after, "kdfamily_pubsub_publish_failures_total"));
    }

    /// <summary>The value of an unlabelled counter; fails when /metrics does not list it.</summary>
    private static double Counter(string metrics, string name)
    {
        var match = CounterLine().Matches(metrics).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(match is not null, $"{name} is not in /metrics:\n{metrics}");
        return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+) (?<value>[0-9.eE+-]+)$", RegexOptions.Multiline)]
    private static partial Regex CounterLine();
}

using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Hosting;

/// <summary>A wrong setting stops the start with a message that names the key.</summary>
public sealed class ConfigurationValidationTests
{
    private sealed class Factory(params (string Key, string Value)[] settings) : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }

    [Theory]
    [InlineData("Jwt:SigningKey", "too-short-key")]
    [InlineData("ConnectionStrings:Postgres", "")]
    [InlineData("Jwt:Issuer", "")]
    [InlineData("Jwt:Audience", "")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0")]
    [InlineData("Admin:ApiKey", "short-admin-key")]
    [InlineData("Shutdown:Timeout", "00:00:00")]
    [InlineData("Shutdown:Timeout", "01:00:00")]
    [InlineData("GraphQL:WebSockets:OutgoingQueueMaxBytes", "100")]
    [InlineData("Cors:AllowedOrigins:0", "*")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example.com/path")]
    [InlineData("Metrics:ApiKey", "short-metrics-key")]
    [InlineData("Metrics:Port", "70000")]
    [InlineData("Smtp:FromAddress", "not-an-address")]
    [InlineData("Smtp:Username", "only-a-user")]
    [InlineData("Smtp:Security", "Tls13")]
    [InlineData("Smtp:PollInterval", "00:00:00")]
    [InlineData("Smtp:MaxAttempts", "0")]
    [InlineData("Smtp:MaxRetryDelay", "00:00:01")]
    public async Task Start_WithBadSetting_FailsNamingTheKey(string key, string value)
    {
        await using var factory = new Factory((key, value));

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(key, Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithValidSettings_ServesRequests()
    {
        await using var factory = new Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string Messages(Exception error) => error switch
    {
        AggregateException aggregate => string.Join(" | ", aggregate.InnerExceptions.Select(Messages)),
        { InnerException: { } inner } => error.Message + " | " + Messages(inner),
        _ => error.Message,
    };
}

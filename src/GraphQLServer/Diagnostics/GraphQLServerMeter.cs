using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Diagnostics;

/// <summary>
/// The library's one meter (System.Diagnostics.Metrics): every instrument of the transports, the topic bus and the
/// limits is created on it. The host names it (<see cref="GraphQLServerMeterOptions.MeterName"/>) and exports it the
/// way it likes (Prometheus, OpenTelemetry); the instrument names are the constants beside each instrument.
/// </summary>
public sealed class GraphQLServerMeter
{
    public GraphQLServerMeter(IMeterFactory meterFactory, IOptions<GraphQLServerMeterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        Meter = meterFactory.Create(options.Value.MeterName);
    }

    public Meter Meter { get; }

    /// <summary>The meter and the metrics classes of every part (idempotent; each part's registration calls it).</summary>
    internal static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<GraphQLServerMeterOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<GraphQLServerMeter>();
        services.TryAddSingleton<PubSub.PubSubMetrics>();
        services.TryAddSingleton<Limits.LimitMetrics>();
        services.TryAddSingleton<WebSockets.GraphQLWebSocketMetrics>();
        services.TryAddSingleton<GraphQLOperationMetrics>();
        return services;
    }
}

public static class GraphQLServerMeterServiceCollectionExtensions
{
    /// <summary>Names the library's meter (the parts register it themselves, named <c>GraphQLServer</c> unless set here).</summary>
    public static IServiceCollection AddGraphQLServerMetrics(this IServiceCollection services, Action<GraphQLServerMeterOptions> configure)
    {
        GraphQLServerMeter.AddTo(services);
        services.Configure(configure);
        return services;
    }
}

public sealed class GraphQLServerMeterOptions
{
    /// <summary>Name of the meter every instrument of the library is created on.</summary>
    [Required(ErrorMessage = "The GraphQL server's meter name is required.")]
    public string MeterName { get; set; } = "GraphQLServer";
}

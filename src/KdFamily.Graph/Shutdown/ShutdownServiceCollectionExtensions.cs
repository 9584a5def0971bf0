using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Shutdown;

public static class ShutdownServiceCollectionExtensions
{
    /// <summary>
    /// The host's shutdown timeout from <c>Shutdown:Timeout</c>. Open WebSockets and event streams are ended when stopping
    /// begins by the transports' <see cref="GraphQLServer.Shutdown.LiveConnectionRegistry"/>; this bounds the rest.
    /// </summary>
    public static WebApplicationBuilder AddKdFamilyShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>()
            .BindConfiguration(ShutdownOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        return builder;
    }
}

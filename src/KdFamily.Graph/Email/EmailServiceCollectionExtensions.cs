using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The `Smtp:*` settings and the outbox sender: to the SMTP server, or to the log without `Smtp:Host`.</summary>
    public static WebApplicationBuilder AddKdFamilyEmail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IEmailTransport>(services =>
            services.GetRequiredService<IOptions<SmtpOptions>>().Value.Sends
                ? ActivatorUtilities.CreateInstance<SmtpEmailTransport>(services)
                : ActivatorUtilities.CreateInstance<LogEmailTransport>(services));
        builder.Services.AddHostedService<OutboxSender>();
        return builder;
    }
}

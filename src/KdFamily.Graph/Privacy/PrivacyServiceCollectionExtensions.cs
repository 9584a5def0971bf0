using KdFamily.Application.Privacy;

namespace KdFamily.Graph.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Data export links (`Exports:*`); the export, account and family deletion use cases come with the application.</summary>
    public static WebApplicationBuilder AddKdFamilyPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExportOptions>()
            .BindConfiguration(ExportOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ExportLinks>();
        builder.Services.AddSingleton<IExportLinks>(services => services.GetRequiredService<ExportLinks>());
        return builder;
    }
}

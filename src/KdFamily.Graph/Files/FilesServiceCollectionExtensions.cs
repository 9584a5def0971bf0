using GraphQLServer.Uploads;
using KdFamily.Application.Files;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Files;

public static class FilesServiceCollectionExtensions
{
    /// <summary>
    /// Attachments (`Storage:*`): the storage the settings choose, signed file links, and multipart uploads on
    /// POST /graphql with the same size limit.
    /// </summary>
    public static WebApplicationBuilder AddKdFamilyFiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<FileLinks>();
        builder.Services.AddSingleton(services => new AttachmentSettings(services.GetRequiredService<IOptions<StorageOptions>>().Value.MaxFileBytes));
        builder.Services.AddSingleton<IFileStorage>(services =>
            services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.S3
                ? ActivatorUtilities.CreateInstance<S3FileStorage>(services)
                : ActivatorUtilities.CreateInstance<LocalFileStorage>(services));
        builder.Services.AddOptions<GraphQLUploadOptions>().Configure<IOptions<StorageOptions>>((uploads, storage) =>
        {
            uploads.Enabled = true;
            uploads.MaxFileBytes = storage.Value.MaxFileBytes;
            uploads.MaxFiles = 1;
            uploads.MaxRequestBytes = storage.Value.MaxFileBytes + (1024 * 1024);
            uploads.TempDirectory = string.IsNullOrWhiteSpace(storage.Value.TempPath) ? null : storage.Value.TempPath;
        });
        return builder;
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQLServer.Http;
using GraphQLServer.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GraphQLServer.Tests.Uploads;

/// <summary>A schema of the tests' own taking uploads: each field answers with what it received.</summary>
public sealed class UploadTestSchema : GraphQL.Types.Schema
{
    public UploadTestSchema(IServiceProvider services)
        : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello").Resolve(_ => "world");
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Field<StringGraphType>("upload")
            .Argument<NonNullGraphType<UploadGraphType>>("file")
            .Argument<StringGraphType>("note")
            .Resolve(context => Describe(context.GetArgument<IUploadedFile>("file")));
        mutation.Field<ListGraphType<StringGraphType>>("uploads")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<UploadGraphType>>>>("files")
            .Resolve(context => context.GetArgument<List<IUploadedFile>>("files").Select(Describe).ToList());
        Mutation = mutation;
    }

    /// <summary>"name: N bytes", or "name: over the limit" for a part larger than the limit.</summary>
    public static string Describe(IUploadedFile file) =>
        file.ExceedsLimit ? $"{file.FileName}: over the limit" : $"{file.FileName}: {file.Length} bytes";
}

/// <summary>
/// The HTTP transport with multipart uploads on (<see cref="MaxFiles"/> files of at most <see cref="MaxFileBytes"/>,
/// bodies of at most <see cref="MaxRequestBytes"/>, JSON fields of at most <see cref="MaxFieldBytes"/>) over
/// <see cref="UploadTestSchema"/> on real Kestrel, spooling to a folder of its own (<see cref="SpoolPath"/>).
/// </summary>
public sealed class UploadTestHost : IAsyncLifetime
{
    public const int MaxFileBytes = 1024;
    public const int MaxFiles = 2;
    public const int MaxRequestBytes = 64 * 1024;
    public const int MaxFieldBytes = 4096;

    private WebApplication? _app;

    public string SpoolPath { get; } = Directory.CreateTempSubdirectory("graphql-upload-tests-").FullName;

    public Uri GraphQLEndpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<UploadTestSchema>()
            .AddSystemTextJson()
            .AddServerDefaults());
        builder.Services.Configure<GraphQLUploadOptions>(uploads =>
        {
            uploads.Enabled = true;
            uploads.MaxFileBytes = MaxFileBytes;
            uploads.MaxFiles = MaxFiles;
            uploads.MaxRequestBytes = MaxRequestBytes;
            uploads.TempDirectory = SpoolPath;
        });
        _app = builder.Build();
        _app.MapGraphQLHttp<UploadTestSchema>("/graphql", options => options.MaxRequestBodySize = MaxFieldBytes);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        GraphQLEndpoint = new Uri(new Uri(address), "/graphql");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(SpoolPath, recursive: true);
    }
}

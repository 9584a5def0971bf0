using System.Security.Claims;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLServer.Http;
using GraphQLServer.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GraphQLServer.Tests.Http;

/// <summary>
/// A schema of its own for the generic HTTP transport, independent of the domain: it has a Mutation root, a
/// resolver that throws, a recursive type for depth limits and a field echoing the caller's name.
/// </summary>
public sealed class TransportTestSchema : GraphQL.Types.Schema
{
    public const string SecretInException = "connection to db-7 failed with password hunter2";

    public TransportTestSchema(IServiceProvider services)
        : base(services)
    {
        var nested = new ObjectGraphType { Name = "Nested" };
        nested.AddField(new FieldType { Name = "child", ResolvedType = nested, Resolver = new FuncFieldResolver<object>(_ => new object()) });
        nested.Field<StringGraphType>("leaf").Resolve(_ => "leaf");

        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello").Resolve(_ => "world");
        query.Field<StringGraphType>("whoami").Resolve(context => context.User?.Identity?.Name);
        query.Field<StringGraphType>("boom").Resolve(_ => throw new InvalidOperationException(SecretInException));
        query.AddField(new FieldType { Name = "nested", ResolvedType = nested, Resolver = new FuncFieldResolver<object>(_ => new object()) });
        query.Field<IdGraphType>("id").Resolve(_ => "1");
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Field<BooleanGraphType>("touch").Resolve(_ => true);
        Mutation = mutation;
    }
}

/// <summary>An in-memory host serving only the transport over <see cref="TransportTestSchema"/> (Production environment).</summary>
public sealed class TransportTestHost : IAsyncLifetime
{
    public const int MaxBodySize = 4096;
    public const string UserHeader = "X-Test-User";

    private WebApplication? _app;

    public HttpClient CreateClient() => (_app ?? throw new InvalidOperationException("Host not started.")).GetTestClient();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<TransportTestSchema>()
            .AddSystemTextJson()
            .AddServerDefaults());
        OptionsServiceCollectionExtensions.Configure<GraphQLLimits>(builder.Services, limits => limits.MaxDepth = 5);
        _app = builder.Build();
        _app.Use((http, next) =>
        {
            if (http.Request.Headers.TryGetValue(UserHeader, out var name))
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name.ToString())], "test"));
            }

            return next(http);
        });
        _app.MapGraphQLHttp<TransportTestSchema>("/graphql", options => options.MaxRequestBodySize = MaxBodySize);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

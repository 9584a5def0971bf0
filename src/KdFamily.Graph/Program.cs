using GraphQLServer.Hosting;
using KdFamily.Graph.Auth;
using KdFamily.Graph.BrowserSecurity;
using KdFamily.Graph.Email;
using KdFamily.Graph.Extensions;
using KdFamily.Graph.Files;
using KdFamily.Graph.Health;
using KdFamily.Graph.Jobs;
using KdFamily.Graph.Observability;
using KdFamily.Graph.Outages;
using KdFamily.Graph.Privacy;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.Shutdown;
using Prometheus;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddKdFamilyOptions();
builder.AddKdFamilyLogging();
builder.AddKdFamilyTracing();
builder.AddKdFamilyForwardedHeaders();
builder.AddKdFamilyBrowserSecurity();
builder.AddKdFamilyOutageAnswers(); // before the problem details' own exception handlers
builder.AddKdFamilyProblemDetails();
builder.AddKdFamilyData();
builder.AddKdFamilyAuth();
builder.AddKdFamilyPrivacy();
builder.AddKdFamilyFiles();
builder.AddKdFamilyGraph();
builder.AddKdFamilyHealth();
builder.AddKdFamilyJobs();
builder.AddKdFamilyEmail();
builder.AddKdFamilyShutdown();

var app = builder.Build();
app.UseKdFamilyForwardedHeaders();
app.UseKdFamilyBrowserSecurity();
app.UseKdFamilyProblemDetails();
// Ahead of the HTTP metrics, authentication and authorization middlewares: a socket keeps every middleware in front of
// it suspended while it lives (it authenticates its upgrade request itself, and each operation is authorized).
app.UseGraphQLServerWebSockets("/graphql");
app.UseHttpMetrics();
app.UseAuthentication();
app.UseAuthorization();
app.MapGraphQLServer("/graphql", graphql => graphql.Ide.Title = "KD Family");
app.MapKdFamilyEndpoints();

return await app.RunKdFamilyAsync(args);

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;

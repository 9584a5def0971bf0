using KdFamily.Domain.Data;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Demo;
using KdFamily.Graph.Files;
using KdFamily.Graph.Health;
using KdFamily.Graph.Maintenance;
using KdFamily.Graph.Privacy;
using KdFamily.Graph.SchemaRoot;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Extensions;

public static class HostingExtensions
{
    public static WebApplicationBuilder AddKdFamilyOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionStringsOptions>()
            .BindConfiguration(ConnectionStringsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    public static WebApplicationBuilder AddKdFamilyData(this WebApplicationBuilder builder)
    {
        // Read through the validated options, so a missing connection string is reported naming the key.
        builder.Services.AddKdFamilyData(services => services.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres);
        return builder;
    }

    public static WebApplication MapKdFamilyEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/graphql"));
        app.MapKdFamilyAuthApi();
        app.MapKdFamilyExports();
        app.MapKdFamilyFiles();
        app.MapKdFamilyAdmin();
        app.MapOpenApi();
        app.MapKdFamilyHealth();
        return app;
    }

    /// <summary>
    /// Runs the service, or one of the host's commands: `migrate` applies the EF migrations;
    /// `schema export --output FILE` writes the SDL.
    /// </summary>
    public static async Task<int> RunKdFamilyAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        switch (command)
        {
            case "migrate":
                _ = app.Services.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value;
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider);
                }

                Console.WriteLine("Migrations applied.");
                return 0;
            case "schema":
                return await SchemaCommand.RunAsync(app.Services, args);
            default:
                if (args.Contains("--seed-demo"))
                {
                    await DemoSeeding.SeedAsync(app.Services);
                }

                await app.RunAsync();
                return 0;
        }
    }
}

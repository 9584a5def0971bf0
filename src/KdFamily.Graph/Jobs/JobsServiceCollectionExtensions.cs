namespace KdFamily.Graph.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The achievement catalogue seeding at start and, unless `Jobs:Enabled` is false, the periodic jobs.</summary>
    public static WebApplicationBuilder AddKdFamilyJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        JobsMetrics.Publish();
        builder.Services.AddHostedService<AchievementCatalogueStartup>();
        builder.Services.AddSingleton<TaskReminderJob>();
        builder.Services.AddSingleton<ScheduledJobsService>();
        if (builder.Configuration.GetValue($"{JobsOptions.Section}:{nameof(JobsOptions.Enabled)}", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledJobsService>());
        }

        return builder;
    }
}

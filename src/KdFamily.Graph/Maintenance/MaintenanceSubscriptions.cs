using GraphQL;
using GraphQL.Types;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Maintenance;

public static class MaintenanceSubscriptions
{
    public static void AddMaintenanceSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<MaintenanceNoticeType>>("systemMaintenance")
            .Description("System-wide maintenance announcements, published by the operators.")
            .Authorize()
            .Resolve(context => context.Source)
            .ResolveStreamAsync(context => LiveUpdateFields.StreamAsync<MaintenanceNotice, MaintenanceNotice>(
                context, Topics.SystemMaintenance, (_, notice, _) => Task.FromResult<MaintenanceNotice?>(notice)));
}

using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.PubSub;
using GraphQLServer.Relay;
using GraphQLServer.Subscriptions;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.LiveUpdates;

/// <summary>
/// How subscription fields are built: authorization at subscribe time, and a reload per event. The reload (and the
/// subscriber's selection under it) runs with loaders shared by every subscriber of the same event and audience in
/// this process (<see cref="SharedEventLoads"/>), so an event costs its queries once, whatever the number of subscribers.
/// </summary>
public static class LiveUpdateFields
{
    /// <summary>The error a live subscription ends with when the event bus connection is lost: subscribe again.</summary>
    public const string StreamInterruptedCode = "EVENT_STREAM_INTERRUPTED";

    /// <summary>The error of a subscribe request while the event bus cannot be reached: try again later.</summary>
    public const string BusUnavailableCode = "EVENT_BUS_UNAVAILABLE";

    /// <summary>
    /// A field <c>name(familyId: ID!): TGraphType!</c> streaming the events of <paramref name="topic"/> for the caller's
    /// family. Subscribing to another family (or with a malformed id, or as a removed member) fails that subscription
    /// with NOT_FOUND, the same answer as for an unknown family. Each event is reloaded by <paramref name="reload"/> with
    /// the DataLoaders shared by the family's subscribers of that event; events whose object is gone are skipped.
    /// </summary>
    public static FieldType AddFamilySubscription<TGraphType, TEvent, TValue>(
        this ObjectGraphType subscription,
        string name,
        string topic,
        string description,
        Func<IResolveFieldContext, Guid, Func<DataLoaderContext, TEvent, CancellationToken, Task<TValue?>>> reload)
        where TGraphType : IGraphType
        where TValue : class
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(reload);
        return subscription.Field<NonNullGraphType<TGraphType>>(name)
            .Description(description)
            .Authorize()
            .Argument<NonNullGraphType<IdGraphType>>("familyId", "The caller's family.")
            .Resolve(context => context.Source)
            .ResolveStreamAsync(async context =>
            {
                var familyId = await RequireOwnFamilyAsync(context);
                return await StreamAsync(context, Topics.Family(familyId, topic), reload(context, familyId), audience: $"family:{familyId:N}");
            })
            .FieldType;
    }

    /// <summary>A field streaming a topic of the caller's own (e.g. their notifications), reloaded per event like the family fields (shared by the caller's own subscriptions only).</summary>
    public static FieldType AddUserSubscription<TGraphType, TEvent, TValue>(
        this ObjectGraphType subscription,
        string name,
        string topic,
        string description,
        Func<IResolveFieldContext, Guid, Func<DataLoaderContext, TEvent, CancellationToken, Task<TValue?>>> reload)
        where TGraphType : IGraphType
        where TValue : class
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(reload);
        return subscription.Field<NonNullGraphType<TGraphType>>(name)
            .Description(description)
            .Authorize()
            .Resolve(context => context.Source)
            .ResolveStreamAsync(async context =>
            {
                var userId = context.RequireUserId();
                return await StreamAsync(context, Topics.User(userId, topic), reload(context, userId), audience: $"user:{userId:N}");
            })
            .FieldType;
    }

    /// <summary>
    /// Subscribes to <paramref name="topic"/> and maps each event through <paramref name="reload"/>. With an
    /// <paramref name="audience"/> (who may see everything loaded for the event: every subscriber with the same audience
    /// must be allowed to), events that carry an <see cref="ILiveEvent.EventId"/> are loaded with the loaders the
    /// audience's subscribers of that event share; otherwise each event gets a DI scope of its own.
    /// </summary>
    public static async Task<IObservable<object?>> StreamAsync<TEvent, TValue>(
        IResolveFieldContext context, string topic, Func<DataLoaderContext, TEvent, CancellationToken, Task<TValue?>> reload, string? audience = null)
        where TValue : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices ?? throw new InvalidOperationException("Subscriptions need ExecutionOptions.RequestServices.");

        // The request's scope ends before the subscription does: events never use it.
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var shared = services.GetRequiredService<SharedEventLoads>();
        IObservable<TEvent> events;
        try
        {
            events = await services.GetRequiredService<ITopicEventReceiver>().SubscribeAsync<TEvent>(topic, context.CancellationToken);
        }
        catch (TopicStreamInterruptedException exception)
        {
            throw new ExecutionError("Live updates are unavailable right now (the event bus cannot be reached); try again later.", exception)
            {
                Code = BusUnavailableCode,
            };
        }

        return events.SelectAwait<TEvent, object>(async (message, cancellationToken) =>
        {
            if (audience is not null && message is ILiveEvent { EventId: var eventId } && eventId != Guid.Empty)
            {
                using var lease = shared.Enter($"{eventId:N}:{audience}");
                return await reload(lease.Loaders, message, cancellationToken) is { } value ? new SharedEventValue(value, lease.Event) : null;
            }

            await using var scope = scopes.CreateAsyncScope();
            return await reload(scope.ServiceProvider.GetRequiredService<DataLoaderContext>(), message, cancellationToken);
        },
        error => error is TopicStreamInterruptedException
            ? new ExecutionError("The live update stream was interrupted (the event bus connection was lost); subscribe again.", error) { Code = StreamInterruptedCode }
            : error);
    }

    /// <summary>The <c>familyId</c> argument when it is the caller's current family; otherwise a NOT_FOUND error (no existence oracle).</summary>
    public static async Task<Guid> RequireOwnFamilyAsync(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.RequireUserId();
        var callerFamilyId = context.RequireFamilyId();
        var familyId = GlobalId.Decode(context.GetArgument<string>("familyId"), "Family");
        if (familyId != callerFamilyId)
        {
            throw FamilyNotFound();
        }

        // The token may outlive the membership: a removed member gets no more family events.
        var dbFactory = context.RequestServices!.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.FamilyId == familyId && u.RemovedAt == null, context.CancellationToken))
        {
            throw FamilyNotFound();
        }

        return callerFamilyId;
    }

    private static ExecutionError FamilyNotFound() => new("Family not found.") { Code = ErrorCodes.NotFound };
}

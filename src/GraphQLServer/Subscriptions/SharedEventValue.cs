namespace GraphQLServer.Subscriptions;

/// <summary>
/// A subscription event's value as its stream resolver loaded it through the event's shared loaders: the execution
/// strategy resolves the subscriber's selection (relations included) with the same loaders.
/// </summary>
public sealed record SharedEventValue(object Value, SharedEventScope Event);

using GraphQL.Types;
using GraphQLServer.Limits;
using GraphQLServer.Scalars;
using KdFamily.Application.Pipeline;
using KdFamily.Application.Privacy;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Privacy;

public sealed class ExportMyDataErrorType() : ErrorUnionGraphType("exportMyData", typeof(NotFoundErrorType));

public sealed class ExportMyDataPayloadType : ObjectGraphType<MutationPayload<ExportLink>>
{
    public ExportMyDataPayloadType()
    {
        Name = "ExportMyDataPayload";
        Description = "The result of `exportMyData`.";
        Field<StringGraphType>("url")
            .Description("Where to download the export, relative to the API's origin (`/api/v1/exports/…`). GET it with the same "
                + "user's `Authorization: Bearer` token before `expiresAt`; it answers a JSON attachment built from the data as it is then.")
            .Resolve(c => c.Source.Value?.Url);
        Field<InstantGraphType>("expiresAt").Description("When the link stops working.").Resolve(c => c.Source.Value?.ExpiresAt);
        Field<ListGraphType<NonNullGraphType<ExportMyDataErrorType>>>("errors")
            .Description("Why no link was issued; null when it was.")
            .ListSize(1)
            .Resolve(c => c.Source.Errors);
    }
}

public static class ExportMyDataMutation
{
    /// <summary>The one mutation without an input: there is nothing to choose, the caller exports their own data.</summary>
    public static void AddExportMyData(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ExportMyDataPayloadType>>("exportMyData")
            .Description("Issues a short-lived download link for a JSON document of everything stored about the caller "
                + "(see the README, \"Your data: export and deletion\"). Any member, for themself only.")
            .AuthorizeAtLeast(UserRole.Member)
            .ResolveAsync(async context =>
            {
                var handler = context.RequestServices!.GetRequiredService<IUseCase<RequestDataExport, ExportLink>>();
                return MutationPayload.From(await handler.HandleAsync(new RequestDataExport(context.RequireUserId()), context.CancellationToken));
            });
}

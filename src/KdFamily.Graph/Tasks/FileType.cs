using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Files;
using KdFamily.Graph.Users;
using NodaTime;

namespace KdFamily.Graph.Tasks;

public sealed class FileType : ObjectGraphType<TaskAttachment>
{
    public FileType()
    {
        Name = "File";
        Description = "A file attached to a task, e.g. a photo of the finished work.";
        this.ImplementsNode(f => f.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The file's name as uploaded (without folders).").Resolve(c => c.Source.FileName);
        Field<NonNullGraphType<StringGraphType>>("fileName").Description("The file's name as uploaded.").Resolve(c => c.Source.FileName)
            .DeprecationReason("Use `name`.");
        Field<NonNullGraphType<StringGraphType>>("contentType")
            .Description("MIME type, e.g. image/jpeg: for an uploaded file, what its bytes are (not what the client declared).").Resolve(c => c.Source.ContentType);
        Field<NonNullGraphType<IntGraphType>>("sizeBytes").Description("Size in bytes.").Resolve(c => checked((int)c.Source.SizeBytes));
        Field<NonNullGraphType<IntGraphType>>("sizeInBytes").Description("Size in bytes.").Resolve(c => checked((int)c.Source.SizeBytes))
            .DeprecationReason("Use `sizeBytes`.");
        Field<NonNullGraphType<StringGraphType>>("url")
            .Description("Where to download the file. For an uploaded file: a signed link on this API (`/files/{id}?expires=…&signature=…`), "
                + "valid for `Storage:LinkLifetime` and only with the bearer token of a current member of the family; read the field again for a fresh one.")
            .Resolve(c => c.Source.StorageKey is null
                ? c.Source.Url
                : c.RequestServices!.GetRequiredService<FileLinks>().Issue(c.Source.Id, c.RequestServices!.GetRequiredService<IClock>().GetCurrentInstant()));
        Field<UserType>("uploadedBy").Description("Who attached the file.")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.UploadedById));
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When the file was attached.").Resolve(c => c.Source.CreatedAt);
    }
}

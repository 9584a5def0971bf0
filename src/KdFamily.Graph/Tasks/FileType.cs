using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Tasks;

public sealed class FileType : ObjectGraphType<TaskAttachment>
{
    public FileType()
    {
        Name = "File";
        Description = "A file attached to a task, e.g. a photo of the finished work.";
        this.ImplementsNode(f => f.Id);
        Field<NonNullGraphType<StringGraphType>>("fileName").Description("The file's name as uploaded.").Resolve(c => c.Source.FileName);
        Field<NonNullGraphType<StringGraphType>>("contentType").Description("MIME type, e.g. image/jpeg.").Resolve(c => c.Source.ContentType);
        Field<NonNullGraphType<FloatGraphType>>("sizeBytes").Description("Size in bytes.").Resolve(c => (double)c.Source.SizeBytes)
            .DeprecationReason("Use `sizeInBytes`, an integer.");
        Field<NonNullGraphType<IntGraphType>>("sizeInBytes").Description("Size in bytes.").Resolve(c => checked((int)c.Source.SizeBytes));
        Field<NonNullGraphType<StringGraphType>>("url").Description("Where to download the file.").Resolve(c => c.Source.Url);
        Field<UserType>("uploadedBy").Description("Who attached the file.")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.UploadedById));
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When the file was attached.").Resolve(c => c.Source.CreatedAt);
    }
}

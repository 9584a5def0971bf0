using GraphQL.Types;

namespace KdFamily.Graph.Files;

public static class FileMutations
{
    public static void AddFileMutations(this ObjectGraphType mutation)
    {
        mutation.AddAddTaskAttachment();
        mutation.AddRemoveTaskAttachment();
    }
}

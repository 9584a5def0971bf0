using GraphQL.Types;

namespace KdFamily.Graph.Privacy;

public static class PrivacyMutations
{
    public static void AddPrivacyMutations(this ObjectGraphType mutation)
    {
        mutation.AddExportMyData();
        mutation.AddDeleteMyAccount();
        mutation.AddDeleteFamily();
    }
}

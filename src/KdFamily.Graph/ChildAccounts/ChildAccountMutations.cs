using GraphQL.Types;

namespace KdFamily.Graph.ChildAccounts;

public static class ChildAccountMutations
{
    public static void AddChildAccountMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateChildAccount();
        mutation.AddResetChildPin();
        mutation.AddUnlockChildAccount();
    }
}

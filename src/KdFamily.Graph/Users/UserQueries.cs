using GraphQL.Types;
using KdFamily.Domain.Data;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Users;

public static class UserQueries
{
    public static void AddUserQueries(this ObjectGraphType query)
    {
        query.Field<UserType>("me")
            .Description("The signed-in user, or null when the request carries no valid token.")
            .ResolveAsync(async context =>
            {
                if (context.User.GetUserId() is not { } userId)
                {
                    return null;
                }

                var db = context.RequestServices!.GetRequiredService<KdFamilyDbContext>();
                return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, context.CancellationToken);
            });
    }
}

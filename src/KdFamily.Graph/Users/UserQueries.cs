using System.Security.Claims;
using GraphQL.Types;
using KdFamily.Domain.Data;
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
                var id = context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
                if (!Guid.TryParse(id, out var userId))
                {
                    return null;
                }

                var db = context.RequestServices!.GetRequiredService<KdFamilyDbContext>();
                return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, context.CancellationToken);
            });
    }
}

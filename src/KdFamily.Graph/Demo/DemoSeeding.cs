using KdFamily.Domain.Data;
using KdFamily.Domain.Demo;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace KdFamily.Graph.Demo;

/// <summary>`--seed-demo`: creates the demo family on first start and prints its logins.</summary>
internal static class DemoSeeding
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var hasher = new PasswordHasher<User>();
        var created = await DemoFamilySeeder.SeedAsync(
            db, scope.ServiceProvider.GetRequiredService<IClock>(), password => hasher.HashPassword(null!, password));

        Console.WriteLine(created ? "Seeded the demo family." : "The demo family exists already.");
        Console.WriteLine($"Demo logins (password \"{DemoFamilySeeder.Password}\", invite code {DemoFamilySeeder.InviteCode}):");
        foreach (var (username, fullName, role) in DemoFamilySeeder.Logins)
        {
            Console.WriteLine($"  {username,-6} {UserRoleNames.Of(role),-8} {fullName}");
        }
    }
}

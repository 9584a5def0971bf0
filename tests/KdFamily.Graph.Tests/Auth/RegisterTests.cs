using System.Net;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Auth;

public sealed class RegisterTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Register_WithFamilyName_CreatesFamilyWithCallerAsAdvisor()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("Ada");

        var body = await client.RegisterAsync(name, timeZone: "Europe/Berlin");

        Assert.Equal("Bearer", body.Str("tokenType"));
        Assert.True(body["expiresIn"]!.GetValue<int>() > 0);
        Assert.False(string.IsNullOrEmpty(body.Str("refreshToken")));
        var user = body["user"]!;
        Assert.Equal(name.ToLowerInvariant(), user.Str("username"));
        Assert.Equal($"Full {name}", user.Str("fullName"));
        Assert.Equal("ADVISOR", user.Str("role"));
        var userId = GlobalId.Decode(user.Str("id"), "User");
        var familyId = GlobalId.Decode(user.Str("familyId"), "Family");
        Assert.NotNull(userId);
        Assert.NotNull(familyId);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var stored = await db.Users.Include(u => u.Family).SingleAsync(u => u.Id == userId);
        Assert.Equal(familyId, stored.FamilyId);
        Assert.Equal(UserRole.Advisor, stored.Role);
        Assert.Equal($"{name.ToLowerInvariant()}@example.test", stored.Email);
        Assert.NotEqual(AuthApiClient.Password, stored.PasswordHash);
        Assert.Equal("Europe/Berlin", stored.Family!.TimeZone);
        Assert.Equal(10, stored.Family.InviteCode.Length);
        Assert.True(await db.AuditLog.AnyAsync(a => a.ActorId == userId && a.Action == "auth.registered"));
        Assert.Single(await db.AuthSessions.Where(s => s.UserId == userId).ToListAsync());
    }

    [Fact]
    public async Task Register_WithoutTimeZone_DefaultsToUtc()
    {
        using var client = factory.CreateClient();
        var body = await client.RegisterAsync(AuthApiClient.NewName("utc"));
        var familyId = GlobalId.Decode(body["user"].Str("familyId"), "Family");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.Equal("UTC", (await db.Families.SingleAsync(f => f.Id == familyId)).TimeZone);
    }

    [Fact]
    public async Task Register_WithInviteCode_JoinsThatFamilyAsMember()
    {
        using var client = factory.CreateClient();
        var advisor = await client.RegisterAsync(AuthApiClient.NewName("parent"));
        var familyId = GlobalId.Decode(advisor["user"].Str("familyId"), "Family");
        string inviteCode;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            inviteCode = (await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().Families.SingleAsync(f => f.Id == familyId)).InviteCode;
        }

        var member = await client.RegisterAsync(AuthApiClient.NewName("kid"), inviteCode: inviteCode.ToLowerInvariant());

        Assert.Equal("MEMBER", member["user"].Str("role"));
        Assert.Equal(advisor["user"].Str("familyId"), member["user"].Str("familyId"));
    }

    [Fact]
    public async Task Register_WithTakenUsernameInOtherCase_ReturnsUsernameTaken()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("dup");
        await client.RegisterAsync(name.ToLowerInvariant());

        var response = await client.PostAuthAsync("register", new
        {
            username = name.ToUpperInvariant(),
            email = $"other-{name}@example.test",
            password = AuthApiClient.Password,
            fullName = "Someone Else",
            familyName = "Other",
        });

        response.AssertProblem(HttpStatusCode.Conflict, AuthProblems.UsernameTaken);
    }

    [Fact]
    public async Task Register_SameUsernameConcurrently_HasOneWinnerAndConflictsForTheRest()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => client.PostAuthAsync("register", new
        {
            username = name,
            email = $"{name}-{i}@example.test",
            password = AuthApiClient.Password,
            fullName = "Racer",
            familyName = $"Race {i}",
        })));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        foreach (var loser in responses.Where(r => r.Status != HttpStatusCode.Created))
        {
            loser.AssertProblem(HttpStatusCode.Conflict, AuthProblems.UsernameTaken);
        }
    }

    [Fact]
    public async Task Register_WithTakenEmail_ReturnsEmailTaken()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("mail");
        await client.RegisterAsync(name);

        var response = await client.PostAuthAsync("register", new
        {
            username = AuthApiClient.NewName("other"),
            email = $"{name.ToUpperInvariant()}@EXAMPLE.TEST",
            password = AuthApiClient.Password,
            fullName = "Someone Else",
            familyName = "Other",
        });

        response.AssertProblem(HttpStatusCode.Conflict, AuthProblems.EmailTaken);
    }

    [Fact]
    public async Task Register_WithInviteCodeOfAFullFamily_ReturnsFamilyFullAndAddsNobody()
    {
        var seed = FamilySeed.Create("Full", FamilyLimits.MaxMembers, 0, SystemClock.Instance.GetCurrentInstant());
        seed.Family.InviteCode = seed.Family.InviteCode.ToUpperInvariant();
        await seed.SaveAsync(factory.Services);
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("late");

        var response = await client.PostAuthAsync("register", new
        {
            username = name,
            email = $"{name}@example.test",
            password = AuthApiClient.Password,
            fullName = "Late Kid",
            inviteCode = seed.Family.InviteCode,
        });

        response.AssertProblem(HttpStatusCode.Conflict, AuthProblems.FamilyFull);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(FamilyLimits.MaxMembers, await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().Users.CountAsync(u => u.FamilyId == seed.Family.Id));
    }

    [Fact]
    public async Task Register_WithUnknownInviteCode_ReturnsInviteCodeInvalid()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("lost");
        var response = await client.PostAuthAsync("register", new
        {
            username = name,
            email = $"{name}@example.test",
            password = AuthApiClient.Password,
            fullName = "Lost Kid",
            inviteCode = "NOSUCHCODE",
        });

        response.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.InviteCodeInvalid);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().Users.AnyAsync(u => u.Username == name));
    }

    [Theory]
    [InlineData("password", "short")]
    [InlineData("timeZone", "Mars/Olympus_Mons")]
    [InlineData("email", "not-an-email")]
    [InlineData("username", "no spaces allowed")]
    public async Task Register_WithInvalidField_ReturnsValidationErrorNamingIt(string field, string value)
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("bad");
        var body = new Dictionary<string, object?>
        {
            ["username"] = name,
            ["email"] = $"{name}@example.test",
            ["password"] = AuthApiClient.Password,
            ["fullName"] = "Bad Input",
            ["familyName"] = "Bad",
            [field] = value,
        };

        var problem = (await client.PostAuthAsync("register", body)).AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Register_WithBothFamilyNameAndInviteCode_ReturnsValidationErrorNamingBoth()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("both");
        var problem = (await client.PostAuthAsync("register", new
        {
            username = name,
            email = $"{name}@example.test",
            password = AuthApiClient.Password,
            fullName = "Both",
            familyName = "One",
            inviteCode = "TWO",
        })).AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);

        Assert.NotNull(problem["errors"]!["familyName"]);
        Assert.NotNull(problem["errors"]!["inviteCode"]);
    }

    [Fact]
    public async Task Register_WithMissingFields_ReturnsValidationErrorNamingEach()
    {
        using var client = factory.CreateClient();
        var problem = (await client.PostAuthAsync("register", new { familyName = "Nobody" }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);

        foreach (var field in new[] { "username", "email", "password", "fullName" })
        {
            Assert.NotNull(problem["errors"]![field]);
        }
    }

    [Fact]
    public async Task Register_AccessToken_AuthenticatesOnTheGraph()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("graph");
        var body = await client.RegisterAsync(name);

        var result = await client.PostGraphQLAsync("{ me { username } }", accessToken: body.Str("accessToken"));

        Assert.Equal(name.ToLowerInvariant(), result["data"]!["me"].Str("username"));
    }
}

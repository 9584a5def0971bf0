using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQLServer.Authorization;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Server.Authorization;

/// <summary>
/// The rule as the host registers it (its IDocumentExecuter and IAuthorizationService), on a small test schema.
/// </summary>
public sealed class AuthorizationValidationRuleTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly ISchema TestSchema = BuildSchema(protectRoot: false);
    private static readonly ISchema ProtectedRootSchema = BuildSchema(protectRoot: true);
    private static readonly ISchema ProtectedSchema = BuildSchema(protectRoot: false).Authorize();

    [Fact]
    public async Task Execute_UnprotectedFieldAnonymously_Succeeds()
    {
        var result = await ExecuteAsync("{ open }", user: null);
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task Execute_AuthorizedFieldAnonymously_FailsNotAuthenticated()
    {
        var result = await ExecuteAsync("{ open signedIn }", user: null);
        AssertError(result, AuthorizationError.NotAuthenticatedCode);
    }

    [Fact]
    public async Task Execute_AuthorizedFieldSignedIn_Succeeds()
    {
        var result = await ExecuteAsync("{ signedIn }", User("MEMBER"));
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task Execute_AtLeastParentAsMember_FailsNotAuthorized()
    {
        var result = await ExecuteAsync("{ parentOnly }", User("MEMBER"));
        AssertError(result, AuthorizationError.NotAuthorizedCode);
    }

    [Theory]
    [InlineData("PARENT")]
    [InlineData("ADVISOR")]
    public async Task Execute_AtLeastParentAsParentOrHigher_Succeeds(string role)
    {
        var result = await ExecuteAsync("{ parentOnly }", User(role));
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task Execute_AtLeastParentAnonymously_FailsNotAuthenticated()
    {
        var result = await ExecuteAsync("{ parentOnly }", user: null);
        AssertError(result, AuthorizationError.NotAuthenticatedCode);
    }

    [Fact]
    public async Task Execute_RoleFieldWithOtherRole_FailsNotAuthorized()
    {
        Assert.Null((await ExecuteAsync("{ advisorRole }", User("ADVISOR"))).Errors);
        AssertError(await ExecuteAsync("{ advisorRole }", User("PARENT")), AuthorizationError.NotAuthorizedCode);
    }

    [Fact]
    public async Task Execute_FieldOfProtectedTypeAnonymously_FailsUnlessFieldAllowsAnonymous()
    {
        AssertError(await ExecuteAsync("{ secret { value } }", user: null), AuthorizationError.NotAuthenticatedCode);
        Assert.Null((await ExecuteAsync("{ secret { publicValue } }", user: null)).Errors);
    }

    [Fact]
    public async Task Execute_ProtectedFieldInsideFragment_IsChecked()
    {
        var result = await ExecuteAsync("query { ...F } fragment F on Query { ... on Query { signedIn } }", user: null);
        AssertError(result, AuthorizationError.NotAuthenticatedCode);
    }

    [Fact]
    public async Task Execute_ProtectedFieldSkipped_IsNotChecked()
    {
        var result = await ExecuteAsync("query ($no: Boolean!) { open signedIn @skip(if: true) parentOnly @include(if: $no) }", user: null, new Inputs(new Dictionary<string, object?> { ["no"] = false }));
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task Execute_SkipWithMissingVariable_ReportsTheVariableErrorNotACrash()
    {
        var result = await ExecuteAsync("query ($no: Boolean!) { open @include(if: $no) }", user: null);

        var error = Assert.Single(result.Errors ?? []);
        Assert.Equal("INVALID_VALUE", error.Code);
    }

    [Fact]
    public async Task Execute_ProtectedFieldInOperationNotExecuted_IsNotChecked()
    {
        var result = await ExecuteAsync("query A { open } query B { signedIn }", user: null, operationName: "A");
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task Execute_IntrospectionOnProtectedRootAnonymously_Succeeds()
    {
        var result = await ExecuteAsync("{ __typename __schema { queryType { name } } }", user: null, schema: ProtectedRootSchema);
        Assert.Null(result.Errors);
        AssertError(await ExecuteAsync("{ open }", user: null, schema: ProtectedRootSchema), AuthorizationError.NotAuthenticatedCode);
    }

    [Fact]
    public async Task Execute_OnProtectedSchema_RequiresAuthenticationButAllowsIntrospection()
    {
        AssertError(await ExecuteAsync("{ open }", user: null, schema: ProtectedSchema), AuthorizationError.NotAuthenticatedCode);
        Assert.Null((await ExecuteAsync("{ open }", User("MEMBER"), schema: ProtectedSchema)).Errors);
        Assert.Null((await ExecuteAsync("{ __schema { types { name } } }", user: null, schema: ProtectedSchema)).Errors);
    }

    private async Task<ExecutionResult> ExecuteAsync(string query, ClaimsPrincipal? user, Inputs? variables = null, string? operationName = null, ISchema? schema = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter>();
        return await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema ?? TestSchema,
            Query = query,
            Variables = variables,
            OperationName = operationName,
            User = user ?? new ClaimsPrincipal(new ClaimsIdentity()),
            RequestServices = scope.ServiceProvider,
        });
    }

    private static void AssertError(ExecutionResult result, string code)
    {
        var error = Assert.Single(result.Errors ?? []);
        Assert.Equal(code, error.Code);
        Assert.Null(result.Data);
    }

    private static ClaimsPrincipal User(string role) => new(new ClaimsIdentity(
        [new Claim(KdFamilyClaims.UserId, Guid.NewGuid().ToString()), new Claim(KdFamilyClaims.Role, role)],
        authenticationType: "Test",
        nameType: KdFamilyClaims.Username,
        roleType: KdFamilyClaims.Role));

    private static GraphQL.Types.Schema BuildSchema(bool protectRoot)
    {
        var secret = new ObjectGraphType { Name = "Secret" };
        secret.Authorize();
        secret.Field<StringGraphType>("value").Resolve(_ => "hidden");
        secret.Field<StringGraphType>("publicValue").Resolve(_ => "visible").AllowAnonymous();

        var query = new ObjectGraphType { Name = "Query" };
        if (protectRoot)
        {
            query.Authorize();
        }

        query.Field<StringGraphType>("open").Resolve(_ => "open");
        query.Field<StringGraphType>("signedIn").Resolve(_ => "in").Authorize();
        query.Field<StringGraphType>("parentOnly").Resolve(_ => "parent").AuthorizeAtLeast(Domain.Users.UserRole.Parent);
        query.Field<StringGraphType>("advisorRole").Resolve(_ => "advisor").AuthorizeWithRoles("ADVISOR");
        query.Field("secret", secret).Resolve(_ => new object());
        return new GraphQL.Types.Schema { Query = query };
    }
}

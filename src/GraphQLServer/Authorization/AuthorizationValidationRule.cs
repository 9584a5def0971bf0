using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Authorization;

namespace GraphQLServer.Authorization;

/// <summary>
/// Enforces GraphQL.NET's authorization metadata (<c>Authorize()</c>, <c>AuthorizeWithPolicy</c>,
/// <c>AuthorizeWithRoles</c>, <c>AllowAnonymous()</c>) on the fields and types a request selects.
/// </summary>
/// <remarks>
/// Only the executed operation and the fragments it uses are checked; fields excluded by <c>@skip</c>/<c>@include</c>
/// are ignored, and introspection (<c>__schema</c>, <c>__type</c>, <c>__typename</c>) is always allowed.
/// A field is checked against its own metadata and, unless it allows anonymous access, against its parent type's and
/// the schema's (so a type marked <c>Authorize()</c> protects every field on it, the root operation types included, and
/// <c>schema.Authorize()</c> protects everything but introspection).
/// Missing authentication fails with <see cref="AuthorizationError.NotAuthenticatedCode"/>; an authenticated user who
/// lacks a role or fails a policy gets <see cref="AuthorizationError.NotAuthorizedCode"/>. Policies are evaluated by
/// ASP.NET Core's <see cref="IAuthorizationService"/>; roles through <see cref="ClaimsPrincipal.IsInRole"/>.
/// </remarks>
public sealed class AuthorizationValidationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User ?? new ClaimsPrincipal(new ClaimsIdentity());
        var services = context.RequestServices
            ?? throw new InvalidOperationException("ExecutionOptions.RequestServices must be set for the authorization rule.");
        var authorization = services.GetService(typeof(IAuthorizationService)) as IAuthorizationService;
        return ValueTask.FromResult<INodeVisitor?>(new Visitor(context, user, authorization));
    }

    private sealed class Visitor(ValidationContext context, ClaimsPrincipal user, IAuthorizationService? authorization) : INodeVisitor
    {
        private readonly HashSet<GraphQLFragmentDefinition> _usedFragments = context.Operation is { } operation
            ? [.. context.GetRecursivelyReferencedFragments(operation) ?? []]
            : [];

        private readonly Dictionary<string, bool> _policyResults = new(StringComparer.Ordinal);
        private bool _inScope;
        private ASTNode? _excludedSubtree;
        private bool _reported;

        public async ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            switch (node)
            {
                case GraphQLOperationDefinition op:
                    _inScope = ReferenceEquals(op, context.Operation);
                    return;
                case GraphQLFragmentDefinition fragment:
                    _inScope = _usedFragments.Contains(fragment);
                    return;
            }

            if (!_inScope || _reported || _excludedSubtree is not null)
            {
                return;
            }

            if (node is GraphQLField or GraphQLInlineFragment or GraphQLFragmentSpread && !context.ShouldIncludeNode(node))
            {
                _excludedSubtree = node;
                return;
            }

            if (node is GraphQLField field && !field.Name.Value.Span.StartsWith("__"))
            {
                var parent = context.TypeInfo.GetParentType()?.GetNamedType();
                var definition = context.TypeInfo.GetFieldDef();
                if (definition is null || parent?.Name.StartsWith("__", StringComparison.Ordinal) == true)
                {
                    return; // unknown fields are reported by the spec rules; fields of introspection types are always allowed
                }

                var failure = await CheckAsync(definition);
                if (failure is null && !definition.IsAnonymousAllowed())
                {
                    failure = (parent is null ? null : await CheckAsync(parent)) ?? await CheckAsync(context.Schema);
                }

                if (failure is { } code)
                {
                    _reported = true;
                    context.ReportError(new AuthorizationError(context, field, code));
                }
            }
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            if (ReferenceEquals(node, _excludedSubtree))
            {
                _excludedSubtree = null;
            }

            return ValueTask.CompletedTask;
        }

        /// <summary>Null when allowed, else the error code.</summary>
        private async ValueTask<string?> CheckAsync(IMetadataReader metadata)
        {
            if (!metadata.IsAuthorizationRequired())
            {
                return null;
            }

            if (user.Identity?.IsAuthenticated != true)
            {
                return AuthorizationError.NotAuthenticatedCode;
            }

            var roles = metadata.GetRoles();
            if (roles is { Count: > 0 } && !roles.Any(user.IsInRole))
            {
                return AuthorizationError.NotAuthorizedCode;
            }

            foreach (var policy in metadata.GetPolicies() ?? [])
            {
                if (!await IsPolicySatisfiedAsync(policy))
                {
                    return AuthorizationError.NotAuthorizedCode;
                }
            }

            return null;
        }

        private async ValueTask<bool> IsPolicySatisfiedAsync(string policy)
        {
            if (_policyResults.TryGetValue(policy, out var cached))
            {
                return cached;
            }

            var service = authorization
                ?? throw new InvalidOperationException($"Policy '{policy}' is used but no IAuthorizationService is registered.");
            var result = (await service.AuthorizeAsync(user, resource: null, policy)).Succeeded;
            _policyResults[policy] = result;
            return result;
        }
    }
}

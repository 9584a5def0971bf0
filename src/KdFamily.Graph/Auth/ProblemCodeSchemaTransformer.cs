using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KdFamily.Graph.Auth;

/// <summary>Documents the <c>code</c> extension every problem answer of the API carries.</summary>
internal sealed class ProblemCodeSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable machine-readable error code, e.g. VALIDATION_ERROR, AUTH_INVALID_CREDENTIALS, "
                    + "AUTH_REFRESH_TOKEN_INVALID, AUTH_REFRESH_TOKEN_REUSED, CONFLICT_USERNAME_TAKEN, INVITE_CODE_INVALID, RATE_LIMITED.",
            };
        }

        return Task.CompletedTask;
    }
}

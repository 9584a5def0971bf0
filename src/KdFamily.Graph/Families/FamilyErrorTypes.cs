using KdFamily.Domain.Errors;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Families;

public sealed class SelfRoleChangeErrorType() : DomainErrorGraphType<SelfRoleChangeError>(
    "Nobody can change their own role (code SELF_ROLE_CHANGE).");

public sealed class LastAdvisorErrorType() : DomainErrorGraphType<LastAdvisorError>(
    "The change would leave the family without an advisor (code LAST_ADVISOR).");

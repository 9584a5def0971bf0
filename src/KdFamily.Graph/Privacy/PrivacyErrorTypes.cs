using KdFamily.Domain.Errors;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Privacy;

public sealed class InvalidCredentialsErrorType() : DomainErrorGraphType<InvalidCredentialsError>(
    "The password is wrong (code AUTH_INVALID_CREDENTIALS).");

public sealed class FamilyNameMismatchErrorType() : DomainErrorGraphType<FamilyNameMismatchError>(
    "The name typed to confirm is not the family's name, exactly as stored (code FAMILY_NAME_MISMATCH).");

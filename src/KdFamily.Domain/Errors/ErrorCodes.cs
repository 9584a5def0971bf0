namespace KdFamily.Domain.Errors;

/// <summary>
/// The stable codes of the domain's expected failures (<see cref="DomainError.Code"/>), which clients switch on.
/// Request-level codes (AUTH_*, SERVICE_UNAVAILABLE, RATE_LIMITED, …) belong to the GraphQL server layer;
/// VALIDATION_ERROR means the same there, for request values no resolver may see.
/// </summary>
public static class ErrorCodes
{
    public const string NotFound = "NOT_FOUND";
    public const string NotAuthorized = "NOT_AUTHORIZED";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string InvalidTransition = "INVALID_TRANSITION";
    public const string AlreadyAssigned = "ALREADY_ASSIGNED";
    public const string NotAssignee = "NOT_ASSIGNEE";
    public const string SelfApproval = "SELF_APPROVAL";
    public const string AlreadyAwarded = "ALREADY_AWARDED";
    public const string SelfRoleChange = "SELF_ROLE_CHANGE";
    public const string LastAdvisor = "LAST_ADVISOR";
    public const string TaskTypeNameTaken = "TASK_TYPE_NAME_TAKEN";
    public const string InsufficientPoints = "INSUFFICIENT_POINTS";
    public const string OutOfStock = "OUT_OF_STOCK";
    public const string FamilyNameMismatch = "FAMILY_NAME_MISMATCH";
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string UnsupportedFileType = "UNSUPPORTED_FILE_TYPE";

    // The account's own errors, answered as problem codes by the REST auth facade.
    public const string InvalidCredentials = "AUTH_INVALID_CREDENTIALS";
    public const string RefreshTokenInvalid = "AUTH_REFRESH_TOKEN_INVALID";
    public const string RefreshTokenReused = "AUTH_REFRESH_TOKEN_REUSED";
    public const string ResetTokenInvalid = "AUTH_RESET_TOKEN_INVALID";
    public const string EmailTokenInvalid = "AUTH_EMAIL_TOKEN_INVALID";
    public const string UsernameTaken = "CONFLICT_USERNAME_TAKEN";
    public const string EmailTaken = "CONFLICT_EMAIL_TAKEN";
    public const string InviteCodeInvalid = "INVITE_CODE_INVALID";

    // Child accounts (username and PIN, no e-mail address).
    public const string ChildAccountRestricted = "CHILD_ACCOUNT_RESTRICTED";
    public const string NotChildAccount = "NOT_CHILD_ACCOUNT";
    public const string AccountLocked = "AUTH_LOCKED";
}

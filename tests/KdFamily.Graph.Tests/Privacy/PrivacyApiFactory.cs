using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Privacy;

/// <summary>
/// The host for the privacy tests: the forgot-password queue is left alone (its batch would otherwise take the seed's
/// queued request and write a reset token, mail and audit row while a test compares tables).
/// </summary>
public sealed class PrivacyApiFactory : KdFamilyApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Auth:PasswordResetQueueInterval", "00:01:00")];
}

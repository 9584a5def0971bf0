using System.Security.Claims;
using System.Text;
using KdFamily.Application.Auth;
using KdFamily.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Issues signed JWT access tokens (HMAC-SHA256) for a user's login session (claim `sid`): a token is honoured only
/// while that session is live (see <see cref="SessionCredentialLifetime"/>).
/// </summary>
public sealed class AccessTokenIssuer(IOptions<JwtOptions> options, IClock clock) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan RefreshTokenLifetime => options.Value.RefreshTokenLifetime;

    public (string Token, TimeSpan ExpiresIn) Issue(User user, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var jwt = options.Value;
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        List<Claim> claims =
        [
            new Claim(KdFamilyClaims.UserId, user.Id.ToString()),
            new Claim(KdFamilyClaims.FamilyId, user.FamilyId.ToString()),
            new Claim(KdFamilyClaims.Role, UserRoleNames.Of(user.Role)),
            new Claim(KdFamilyClaims.Username, user.Username),
            new Claim(KdFamilyClaims.SessionId, sessionId.ToString()),
        ];

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + jwt.AccessTokenLifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(SigningKey(jwt), SecurityAlgorithms.HmacSha256),
        };
        return (_handler.CreateToken(descriptor), jwt.AccessTokenLifetime);
    }

    public static SymmetricSecurityKey SigningKey(JwtOptions jwt) => new(Encoding.UTF8.GetBytes(jwt.SigningKey));
}

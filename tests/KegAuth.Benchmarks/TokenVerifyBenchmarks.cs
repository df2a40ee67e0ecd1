using System.Buffers.Text;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace KegAuth.Benchmarks;

/// <summary>A user with a password and a last login, so the salt has its real length, and a token for it.</summary>
public abstract class TokenVerifyBase
{
    /// <summary>The user the token was issued for.</summary>
    protected BenchUser User { get; private set; } = null!;

    /// <summary>A valid token.</summary>
    protected string Token { get; private set; } = null!;

    /// <summary>Issues the token and checks that every variant accepts it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // Cost 4 only to keep setup short: the stored hash text has the same length at any cost.
        User = new BenchUser
        {
            Id = 4242,
            Username = "someone@example.com",
            Password = PasswordHash.Create("a password", workFactor: 4),
            LastLoginUtc = BenchSetup.Now.UtcDateTime.AddDays(-1),
        };
        Token = User.TokenGenerate(BenchSetup.Options);
        if (!KegAuth() || !Check())
        {
            throw new InvalidOperationException("A variant rejected the valid token.");
        }
    }

    /// <summary>KegAuth's <c>TokenVerify</c>.</summary>
    [Benchmark]
    public bool KegAuth() => User.TokenVerify(Token, BenchSetup.Options);

    /// <summary>The variant this class compares against.</summary>
    protected abstract bool Check();
}

/// <summary>
/// Issue 7 item 2, against the obvious way: derive the key with <c>GetTokenSignature</c> and hand it to
/// <see cref="JwtSecurityTokenHandler.ValidateToken(string, TokenValidationParameters, out SecurityToken)"/>,
/// HS512 only, then compare the <c>user_id</c> claim.
/// </summary>
[MemoryDiagnoser]
public class TokenVerifyVsJwtHandlerBenchmarks : TokenVerifyBase
{
    private readonly JwtSecurityTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The obvious baseline.</summary>
    [Benchmark(Baseline = true)]
    public bool JwtSecurityTokenHandler() => Check();

    /// <inheritdoc/>
    protected override bool Check()
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(User.GetTokenSignature(BenchSetup.Options)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha512],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            LifetimeValidator = (_, expires, _, _) => expires >= BenchSetup.Options.TimeProvider.GetUtcNow().UtcDateTime,
        };
        try
        {
            var principal = _handler.ValidateToken(Token, parameters, out _);
            return principal.FindFirst("user_id")?.Value == User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SecurityTokenException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// Issue 7 item 2, against the floor: build the user's salt, derive the key
/// (SHA-512 of salt + "signer" + secret), one HMAC-SHA512 over header.payload, a constant-time
/// compare. No claim is read, so it is less than a verify has to do.
/// </summary>
[MemoryDiagnoser]
public class TokenVerifyVsFloorBenchmarks : TokenVerifyBase
{
    /// <summary>The floor.</summary>
    [Benchmark(Baseline = true)]
    public bool Floor() => Check();

    /// <inheritdoc/>
    protected override bool Check()
    {
        var token = Token.AsSpan();
        var dot = token.LastIndexOf('.');
        Span<byte> key = stackalloc byte[64];
        Span<byte> mac = stackalloc byte[64];
        Span<byte> signature = stackalloc byte[64];
        Span<byte> input = stackalloc byte[512];
        var keyInput = Encoding.UTF8.GetBytes(User.GetTokenSalt() + "signer" + BenchSetup.Options.SecretKey);
        SHA512.HashData(keyInput, key);
        var length = Encoding.ASCII.GetBytes(token[..dot], input);
        HMACSHA512.HashData(key, input[..length], mac);
        return Base64Url.DecodeFromChars(token[(dot + 1)..], signature) == 64
            && CryptographicOperations.FixedTimeEquals(mac, signature);
    }
}

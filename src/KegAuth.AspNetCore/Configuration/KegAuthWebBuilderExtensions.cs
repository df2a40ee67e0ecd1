using KegAuth.AspNetCore.ApiTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore;

/// <summary>Builder steps that need more of the user type than <see cref="KegAuthWebBuilder{TContext, TUser}"/> does.</summary>
public static class KegAuthWebBuilderExtensions
{
    /// <summary>
    /// Adds API-token authentication (<see cref="KegAuthSchemes.ApiToken"/>): <c>Authorization: Bearer &lt;api token&gt;</c>
    /// or <see cref="KegApiTokenOptions.HeaderName"/>, as issued by the generated <c>GenerateApiToken</c>.
    /// Inactive users are rejected; a bcrypt token hash from keg-auth is upgraded on first use, by a
    /// conditional update that a concurrent rotation or revocation wins. Failures are limited per login
    /// id and per client address, bcrypt checks run within a concurrency bound, and failures are logged
    /// (see <see cref="KegApiTokenOptions"/>).
    /// </summary>
    /// <typeparam name="TContext">The app's context.</typeparam>
    /// <typeparam name="TUser">The user type, with <c>[KegUserToken]</c>.</typeparam>
    /// <param name="builder">The KegAuth builder.</param>
    /// <param name="configure">The scheme's settings.</param>
    /// <returns>The same builder.</returns>
    public static KegAuthWebBuilder<TContext, TUser> AddApiTokens<TContext, TUser>(
        this KegAuthWebBuilder<TContext, TUser> builder,
        Action<KegApiTokenOptions>? configure = null)
        where TContext : DbContext
        where TUser : class, IKegUser<TUser>, IKegUserToken
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Authentication.AddScheme<KegApiTokenOptions, KegApiTokenHandler<TContext, TUser>>(KegAuthSchemes.ApiToken, options => configure?.Invoke(options));
        builder.Services.AddOptions<KegApiTokenOptions>(KegAuthSchemes.ApiToken)
            .Validate(options => options.HeaderName is null || !options.HeaderName.Any(char.IsWhiteSpace), "KegApiTokenOptions.HeaderName must not contain white space.")
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KegApiTokenOptions>, KegApiTokenOptionsValidation>());
        builder.Services.TryAddSingleton<KegApiTokenFailureLimiter>();
        builder.Services.TryAddSingleton<KegApiTokenHashCheck>();
        builder.Schemes.HasApiTokens = true;
        return builder;
    }
}

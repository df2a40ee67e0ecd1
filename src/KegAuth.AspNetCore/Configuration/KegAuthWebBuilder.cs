using KegAuth.AspNetCore.PasswordReset;
using KegAuth.AspNetCore.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KegAuth.AspNetCore;

/// <summary>
/// Adds KegAuth's web features for one context and user type; returned by
/// <see cref="KegAuthWebServiceCollectionExtensions.AddKegAuth{TContext, TUser}"/>.
/// API tokens are added by <see cref="KegAuthWebBuilderExtensions.AddApiTokens{TContext, TUser}"/>.
/// </summary>
/// <typeparam name="TContext">The app's context, registered with <c>AddDbContext</c> and configured with <c>UseKegAuth</c>.</typeparam>
/// <typeparam name="TUser">The user type (<c>[KegUser]</c>).</typeparam>
public sealed class KegAuthWebBuilder<TContext, TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    internal KegAuthWebBuilder(IServiceCollection services, AuthenticationBuilder authentication, Configuration.KegAuthSchemeSelection schemes)
    {
        Services = services;
        Authentication = authentication;
        Schemes = schemes;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The authentication builder, to add more schemes.</summary>
    public AuthenticationBuilder Authentication { get; }

    internal Configuration.KegAuthSchemeSelection Schemes { get; }

    /// <summary>
    /// Adds cookie sessions (<see cref="KegAuthSchemes.Cookie"/>) whose principal carries the session key,
    /// checked against the database every request (or every <see cref="KegCookieOptions.ValidationInterval"/>):
    /// a reset session key or an inactive user signs the session out.
    /// </summary>
    /// <param name="configure">KegAuth's cookie settings.</param>
    /// <param name="configureCookie">ASP.NET Core's cookie settings (name, paths, expiry, events). Events set here still run; KegAuth's check runs after <c>OnValidatePrincipal</c>.</param>
    /// <returns>The same builder.</returns>
    public KegAuthWebBuilder<TContext, TUser> AddCookies(
        Action<KegCookieOptions>? configure = null,
        Action<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>? configureCookie = null)
    {
        Services.AddOptions<KegCookieOptions>()
            .Configure(options => configure?.Invoke(options))
            .Validate(options => options.ValidationInterval >= TimeSpan.Zero, "KegCookieOptions.ValidationInterval must not be negative.")
            .ValidateOnStart();
        Authentication.AddCookie(KegAuthSchemes.Cookie, options => configureCookie?.Invoke(options));
        Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(KegAuthSchemes.Cookie)
            .PostConfigure<Microsoft.Extensions.Options.IOptions<KegCookieOptions>>(Cookies.KegCookieEventWiring<TContext, TUser>.Wire);
        Schemes.HasCookies = true;
        return this;
    }

    /// <summary>
    /// Adds <see cref="IKegSignIn{TUser}"/>: password sign-in with lockout over <typeparamref name="TAttempt"/>,
    /// and cookie sign-in (add <see cref="AddCookies"/> too). When <typeparamref name="TUser"/> has
    /// <c>[KegUserTotp]</c>, also <see cref="IKegSecondFactorSignIn{TUser}"/> (the code step of a two-step
    /// sign-in) and <see cref="IKegTotpManager{TUser}"/> (set-up); configure them with
    /// <see cref="KegSecondFactorOptions"/> (<c>Services.Configure&lt;KegSecondFactorOptions&gt;</c>).
    /// </summary>
    /// <typeparam name="TAttempt">The attempt type (<c>[KegAttempt]</c>) the context maps.</typeparam>
    /// <returns>The same builder.</returns>
    public KegAuthWebBuilder<TContext, TUser> AddSignIn<TAttempt>()
        where TAttempt : class, IKegAttempt, new()
    {
        Services.TryAddScoped<IKegSignIn<TUser>, KegSignIn<TContext, TUser, TAttempt>>();
        SecondFactor.KegSecondFactorRegistration.Add(Services, typeof(TContext), typeof(TUser), typeof(TAttempt));
        return this;
    }

    /// <summary>
    /// Adds <see cref="IKegPasswordReset{TUser}"/> (forgot and reset password, account verification, with
    /// lockout over <typeparamref name="TAttempt"/>) and <see cref="IKegUserCreation{TUser}"/>, sending
    /// tokens through <typeparamref name="TSender"/> (on a background queue by default).
    /// </summary>
    /// <typeparam name="TAttempt">The attempt type (<c>[KegAttempt]</c>) the context maps.</typeparam>
    /// <typeparam name="TSender">The app's sender (scoped).</typeparam>
    /// <param name="configure">
    /// Sets <see cref="KegPasswordResetOptions.PublicBaseUrl"/> (required: start-up fails without it) and
    /// the other reset settings.
    /// </param>
    /// <returns>The same builder.</returns>
    public KegAuthWebBuilder<TContext, TUser> AddPasswordReset<TAttempt, TSender>(Action<KegPasswordResetOptions>? configure = null)
        where TAttempt : class, IKegAttempt, new()
        where TSender : class, IKegPasswordResetSender<TUser>
    {
        Services.AddOptions<KegPasswordResetOptions>()
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<KegPasswordResetOptions>, Configuration.KegPasswordResetOptionsValidator>());
        Services.TryAddScoped<IKegPasswordResetSender<TUser>, TSender>();
        Services.TryAddScoped<IKegPasswordReset<TUser>, KegPasswordReset<TContext, TUser, TAttempt>>();
        Services.TryAddScoped<KegAccountMail<TContext, TUser>>();
        Services.TryAddScoped<IKegUserCreation<TUser>, Accounts.KegUserCreation<TContext, TUser>>();
        Services.TryAddSingleton<KegResetMessageQueue<TUser>>();
        Services.AddHostedService(provider => provider.GetRequiredService<KegResetMessageQueue<TUser>>());
        return this;
    }
}

using KegAuth.AspNetCore.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KegAuth.AspNetCore;

/// <summary>Declared permissions for <see cref="KegAuthWebBuilder{TContext, TUser}"/>.</summary>
public static class KegDeclaredPermissionBuilderExtensions
{
    /// <summary>
    /// Declares the app's permissions (usually a <c>[KegPermissionSet]</c> class's generated <c>All</c>;
    /// call it once per set) and synchronises them into the permission table at start-up, as keg-auth's
    /// <c>init_permissions</c> does: missing tokens inserted, descriptions updated, undeclared tokens
    /// deleted unless <see cref="KegDeclaredPermissionOptions.KeepUndeclared"/>. <c>auth sync-permissions</c>
    /// runs the same sync from the command line.
    /// </summary>
    /// <typeparam name="TContext">The app's context.</typeparam>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="builder">The KegAuth builder.</param>
    /// <param name="permissions">The declared permissions.</param>
    /// <param name="configure">Whether to sync at start-up, and whether to keep undeclared tokens.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="permissions"/> is null.</exception>
    /// <exception cref="ArgumentException">A declaration is invalid: an empty, too long or control-character token, or one token with two descriptions.</exception>
    public static KegAuthWebBuilder<TContext, TUser> AddDeclaredPermissions<TContext, TUser>(
        this KegAuthWebBuilder<TContext, TUser> builder, IEnumerable<KegDeclaredPermission> permissions, Action<KegDeclaredPermissionOptions>? configure = null)
        where TContext : DbContext
        where TUser : class, IKegUser<TUser>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(permissions);
        var list = permissions.ToList();

        // Several sets add up; a mistake is reported here, at the call, rather than at start-up.
        var existing = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(KegDeclaredPermissionSet))?.ImplementationInstance as KegDeclaredPermissionSet;
        var combined = existing is null ? list : existing.Permissions.Concat(list).ToList();
        KegPermissionSync.Validate(combined);
        builder.Services.RemoveAll<KegDeclaredPermissionSet>();
        builder.Services.AddSingleton(new KegDeclaredPermissionSet(combined));

        var options = builder.Services.AddOptions<KegDeclaredPermissionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, KegPermissionSyncAtStartup>());
        return builder;
    }
}

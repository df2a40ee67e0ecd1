using KegAuth.AspNetCore.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Authorization;

/// <summary>
/// Judges <see cref="KegPermissionsRequirement"/> with the user's permission tokens
/// (<see cref="IKegPermissionUser.HasAllPermissionsAsync"/> / <see cref="IKegPermissionUser.HasAnyPermissionAsync"/>).
/// A superuser passes; an inactive user, a principal without a user, or a user type without permissions fails.
/// </summary>
internal sealed class KegPermissionsHandler(IKegPrincipalUsers users, IOptions<KegAuthOptions> options) : AuthorizationHandler<KegPermissionsRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, KegPermissionsRequirement requirement)
    {
        var user = await users.FindUserAsync(context.User, CancellationToken.None).ConfigureAwait(false);
        if (user is null || !user.IsActiveAt(options.Value.TimeProvider.GetUtcNow().UtcDateTime))
        {
            return;
        }

        if (user.IsSuperuser)
        {
            context.Succeed(requirement);
            return;
        }

        if (user is not IKegPermissionUser permissionUser)
        {
            return;
        }

        var tokens = requirement.Tokens.ToArray();
        var allowed = requirement.RequireAll
            ? await permissionUser.HasAllPermissionsAsync(users.Db, tokens).ConfigureAwait(false)
            : await permissionUser.HasAnyPermissionAsync(users.Db, tokens).ConfigureAwait(false);
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

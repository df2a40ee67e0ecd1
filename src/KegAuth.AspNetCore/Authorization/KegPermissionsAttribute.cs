using Microsoft.AspNetCore.Authorization;

namespace KegAuth.AspNetCore;

/// <summary>
/// Needs an authenticated user holding every one of the permission tokens (a superuser passes). On a
/// controller or action, or as endpoint metadata: <c>[KegPermissions("posts.edit", "posts.publish")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class KegPermissionsAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    /// <summary>Needs every one of <paramref name="tokens"/>.</summary>
    /// <param name="tokens">The permission tokens; at least one.</param>
    public KegPermissionsAttribute([KegPermissionToken] params string[] tokens)
    {
        Requirement = new KegPermissionsRequirement(tokens, requireAll: true);
    }

    /// <summary>The requirement this attribute adds.</summary>
    public KegPermissionsRequirement Requirement { get; }

    /// <inheritdoc/>
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [Requirement];
}

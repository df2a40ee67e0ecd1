using Microsoft.AspNetCore.Authorization;

namespace KegAuth.AspNetCore;

/// <summary>
/// Needs an authenticated user holding at least one of the permission tokens (a superuser passes):
/// <c>[KegAnyPermission("reports.view", "admin")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class KegAnyPermissionAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    /// <summary>Needs one of <paramref name="tokens"/>.</summary>
    /// <param name="tokens">The permission tokens; at least one.</param>
    public KegAnyPermissionAttribute([KegPermissionToken] params string[] tokens)
    {
        Requirement = new KegPermissionsRequirement(tokens, requireAll: false);
    }

    /// <summary>The requirement this attribute adds.</summary>
    public KegPermissionsRequirement Requirement { get; }

    /// <inheritdoc/>
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [Requirement];
}

namespace KegAuth;

/// <summary>
/// Makes a <c>partial</c> class a KegAuth user (keg-auth <c>UserMixin</c>): the generator adds the
/// enabled/superuser flags, password, username, session key, login and disable dates, the
/// <c>IsActive</c> rule (usable in memory and inside EF Core queries), and self-invalidating
/// password-reset tokens.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegUserAttribute : Attribute
{
    /// <summary>
    /// Marks this class as the registered user, the one that owns the permission, bundle and group
    /// relationships, when several classes carry <see cref="KegUserAttribute"/>
    /// (keg-auth <c>EntityRegistry.register_user</c>). Not needed when there is only one.
    /// </summary>
    public bool Registered { get; set; }
}

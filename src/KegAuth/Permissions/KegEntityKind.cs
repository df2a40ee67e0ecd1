namespace KegAuth;

/// <summary>The kinds of entity KegAuth registers (keg-auth <c>EntityRegistry</c> names).</summary>
public enum KegEntityKind
{
    /// <summary>The registered <see cref="KegUserAttribute"/> class.</summary>
    User,

    /// <summary>The <see cref="KegPermissionAttribute"/> class.</summary>
    Permission,

    /// <summary>The <see cref="KegBundleAttribute"/> class.</summary>
    Bundle,

    /// <summary>The <see cref="KegGroupAttribute"/> class.</summary>
    Group,

    /// <summary>The <see cref="KegAttemptAttribute"/> class.</summary>
    Attempt,
}

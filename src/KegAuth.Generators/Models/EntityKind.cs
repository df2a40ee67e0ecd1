namespace KegAuth.Generators.Models;

/// <summary>The kinds of entity the compile-time registry holds (keg-auth <c>EntityRegistry</c>).</summary>
internal enum EntityKind
{
    User,
    Permission,
    Bundle,
    Group,
    Attempt,
}

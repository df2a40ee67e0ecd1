namespace KegAuth.EntityFrameworkCore;

/// <summary>The interface the generator implements on each kind's classes: how the runtime tells kinds apart.</summary>
internal static class KegEntityInterfaces
{
    private static readonly KegEntityKind[] Kinds = [KegEntityKind.User, KegEntityKind.Permission, KegEntityKind.Bundle, KegEntityKind.Group, KegEntityKind.Attempt];

    /// <summary>The interface of <paramref name="kind"/>.</summary>
    public static Type Of(KegEntityKind kind) => kind switch
    {
        KegEntityKind.User => typeof(IKegUser),
        KegEntityKind.Permission => typeof(IKegPermission),
        KegEntityKind.Bundle => typeof(IKegBundle),
        KegEntityKind.Group => typeof(IKegGroup),
        KegEntityKind.Attempt => typeof(IKegAttempt),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind whose interface <paramref name="type"/> implements, or <see langword="null"/>.</summary>
    public static KegEntityKind? KindOf(Type type)
    {
        foreach (var kind in Kinds)
        {
            if (Of(kind).IsAssignableFrom(type))
            {
                return kind;
            }
        }

        return null;
    }
}

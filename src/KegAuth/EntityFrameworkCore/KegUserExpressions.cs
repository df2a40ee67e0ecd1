using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Reads the generated static rule expressions of user types, once per type and rule.</summary>
internal static class KegUserExpressions
{
    private static readonly ConcurrentDictionary<Type, bool> UserTypes = new();
    private static readonly ConcurrentDictionary<(Type, KegUserRule), LambdaExpression> Rules = new();

    private static readonly MethodInfo GetIsActiveMethod =
        typeof(KegUserExpressions).GetMethod(nameof(GetIsActive), BindingFlags.Static | BindingFlags.NonPublic)!;

    private static readonly MethodInfo GetIsDisabledByDateMethod =
        typeof(KegUserExpressions).GetMethod(nameof(GetIsDisabledByDate), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>Whether <paramref name="type"/> implements <see cref="IKegUser{TSelf}"/> of itself.</summary>
    public static bool IsUserType(Type type)
        => UserTypes.GetOrAdd(type, static t => t.GetInterfaces().Any(
            i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKegUser<>) && i.GenericTypeArguments[0] == t));

    /// <summary>The rule as <c>(user, utcNow) =&gt; bool</c>; <paramref name="userType"/> must pass <see cref="IsUserType"/>.</summary>
    public static LambdaExpression Get(Type userType, KegUserRule rule)
        => Rules.GetOrAdd((userType, rule), static key =>
        {
            // Static abstract members can only be read through a generic method closed over the type.
            var method = key.Item2 == KegUserRule.IsActive ? GetIsActiveMethod : GetIsDisabledByDateMethod;
            return (LambdaExpression)method.MakeGenericMethod(key.Item1).Invoke(null, null)!;
        });

    private static LambdaExpression GetIsActive<T>()
        where T : class, IKegUser<T>
        => T.IsActiveExpression;

    private static LambdaExpression GetIsDisabledByDate<T>()
        where T : class, IKegUser<T>
        => T.IsDisabledByDateExpression;
}

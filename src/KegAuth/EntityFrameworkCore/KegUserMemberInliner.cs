using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Replaces <c>u.IsActive</c>, <c>u.IsDisabledByDate</c> and <c>u.IsActiveAt(t)</c> on KegAuth users
/// with the bodies of the users' static rule expressions, which EF can translate to SQL.
/// </summary>
/// <param name="getNow">Returns the expression for "now"; called only when a rule is inlined.</param>
internal sealed class KegUserMemberInliner(Func<Expression> getNow) : ExpressionVisitor
{
    /// <inheritdoc/>
    protected override Expression VisitMember(MemberExpression node)
    {
        if (node is { Expression: { } instance, Member: PropertyInfo property }
            && TryGetRule(property.Name, out var rule)
            && TryGetUserType(property.DeclaringType, instance, out var userType, out var user))
        {
            return Inline(KegUserExpressions.Get(userType, rule), Visit(user), getNow());
        }

        return base.VisitMember(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node is { Object: { } instance, Method.Name: nameof(IKegUser.IsActiveAt), Arguments: [{ Type: var argType } argument] }
            && argType == typeof(DateTime)
            && TryGetUserType(node.Method.DeclaringType, instance, out var userType, out var user))
        {
            return Inline(KegUserExpressions.Get(userType, KegUserRule.IsActive), Visit(user), Visit(argument));
        }

        return base.VisitMethodCall(node);
    }

    private static bool TryGetRule(string name, out KegUserRule rule)
    {
        switch (name)
        {
            case nameof(IKegUser.IsActive):
                rule = KegUserRule.IsActive;
                return true;
            case "IsDisabledByDate":
                rule = KegUserRule.IsDisabledByDate;
                return true;
            default:
                rule = default;
                return false;
        }
    }

    // The member's declaring type names the rule's owner; through the IKegUser interface (generic
    // code over users) the owner is the instance's own type.
    private static bool TryGetUserType(Type? declaringType, Expression instance, out Type userType, out Expression user)
    {
        user = instance;
        if (declaringType == typeof(IKegUser))
        {
            while (user is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.TypeAs } convert)
            {
                user = convert.Operand;
            }

            declaringType = user.Type;
        }

        userType = declaringType!;
        return declaringType is not null && KegUserExpressions.IsUserType(declaringType);
    }

    private static Expression Inline(LambdaExpression rule, Expression user, Expression now)
    {
        var body = ReplacingExpressionVisitor.Replace(rule.Parameters[0], user, rule.Body);
        return ReplacingExpressionVisitor.Replace(rule.Parameters[1], now, body);
    }
}

using System;
using System.Collections.Generic;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Parsing;

/// <summary>The Keg attributes a class carries, as flags: the one reading of attributes parsers and analyzers share.</summary>
[Flags]
internal enum KegAttributes
{
    None = 0,
    User = 1,
    UserEmail = 2,
    UserToken = 4,
    Permission = 8,
    Bundle = 16,
    Group = 32,
    Attempt = 64,
    UserTotp = 128,
    UserPasskeys = 256,

    /// <summary>The attributes that make a class an entity (the rest are user mixins).</summary>
    Entities = User | Permission | Bundle | Group | Attempt,

    /// <summary>The user mixins, which need <see cref="User"/>.</summary>
    Mixins = UserEmail | UserToken | UserTotp | UserPasskeys,
}

/// <summary>Reads <see cref="KegAttributes"/> from symbols; maps between attributes, kinds and the names messages use.</summary>
internal static class KegAttributeReader
{
    /// <summary>The entity attributes in a fixed order, with their kinds.</summary>
    public static readonly (KegAttributes Attribute, EntityKind Kind)[] EntityAttributes =
    {
        (KegAttributes.User, EntityKind.User), (KegAttributes.Permission, EntityKind.Permission), (KegAttributes.Bundle, EntityKind.Bundle),
        (KegAttributes.Group, EntityKind.Group), (KegAttributes.Attempt, EntityKind.Attempt),
    };

    /// <summary>Every Keg attribute on <paramref name="type"/> (all partial parts), and whether <c>[KegUser(Registered = true)]</c> is set.</summary>
    public static (KegAttributes Flags, bool Registered) Read(INamedTypeSymbol type)
    {
        var flags = KegAttributes.None;
        var registered = false;
        foreach (var attribute in type.GetAttributes())
        {
            var flag = Of(attribute.AttributeClass);
            flags |= flag;
            if (flag == KegAttributes.User)
            {
                foreach (var argument in attribute.NamedArguments)
                {
                    registered |= argument.Key == "Registered" && argument.Value.Value is true;
                }
            }
        }

        return (flags, registered);
    }

    /// <summary>The flag of one attribute class; <see cref="KegAttributes.None"/> for anything else. Compares names, never display strings: this runs on every keystroke.</summary>
    public static KegAttributes Of(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is not { ContainingNamespace: { Name: KegAttributeNames.Namespace, ContainingNamespace.IsGlobalNamespace: true } })
        {
            return KegAttributes.None;
        }

        foreach (var (flag, name) in Names)
        {
            if (attributeClass.Name.Length == name.Length + "Attribute".Length
                && attributeClass.Name.StartsWith(name, StringComparison.Ordinal)
                && attributeClass.Name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                return flag;
            }
        }

        return KegAttributes.None;
    }

    /// <summary>Every attribute with the name users write (the class name without <c>Attribute</c>): the one list a new attribute joins.</summary>
    private static readonly (KegAttributes Flag, string Name)[] Names =
    {
        (KegAttributes.User, "KegUser"), (KegAttributes.UserEmail, "KegUserEmail"), (KegAttributes.UserToken, "KegUserToken"), (KegAttributes.UserTotp, "KegUserTotp"), (KegAttributes.UserPasskeys, "KegUserPasskeys"),
        (KegAttributes.Permission, "KegPermission"), (KegAttributes.Bundle, "KegBundle"), (KegAttributes.Group, "KegGroup"), (KegAttributes.Attempt, "KegAttempt"),
    };

    /// <summary>The user mixins, in a fixed order: each needs <c>[KegUser]</c> on the same class (KEG002).</summary>
    public static readonly KegAttributes[] MixinAttributes = Array.FindAll(Array.ConvertAll(Names, n => n.Flag), f => (f & KegAttributes.Mixins) != 0);

    /// <summary>The entity attributes among <paramref name="flags"/>, in the fixed order.</summary>
    public static List<KegAttributes> EntityFlags(KegAttributes flags)
    {
        var found = new List<KegAttributes>();
        foreach (var (attribute, _) in EntityAttributes)
        {
            if ((flags & attribute) != 0)
            {
                found.Add(attribute);
            }
        }

        return found;
    }

    /// <summary>The attribute of an entity kind.</summary>
    public static KegAttributes AttributeOf(EntityKind kind) => kind switch
    {
        EntityKind.User => KegAttributes.User,
        EntityKind.Permission => KegAttributes.Permission,
        EntityKind.Bundle => KegAttributes.Bundle,
        EntityKind.Group => KegAttributes.Group,
        _ => KegAttributes.Attempt,
    };

    /// <summary>The kind of an entity attribute.</summary>
    public static EntityKind KindOf(KegAttributes attribute) => attribute switch
    {
        KegAttributes.User => EntityKind.User,
        KegAttributes.Permission => EntityKind.Permission,
        KegAttributes.Bundle => EntityKind.Bundle,
        KegAttributes.Group => EntityKind.Group,
        _ => EntityKind.Attempt,
    };

    /// <summary>The attribute as users write it, without brackets: <c>KegUser</c>.</summary>
    public static string ShortName(KegAttributes attribute) => Array.Find(Names, n => n.Flag == attribute).Name ?? "Keg" + KindOf(attribute);

    /// <summary>The kind's name in messages: <c>user</c>, <c>permission</c>, ...</summary>
    public static string KindName(EntityKind kind) => kind.ToString().ToLowerInvariant();
}

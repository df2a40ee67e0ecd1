using System;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>How a generated member is declared, which decides what a user member of the same name collides with.</summary>
internal enum MemberKind
{
    /// <summary>A property or field: any user member of the same name collides.</summary>
    Property,

    /// <summary>A method: a user method collides only when it has the same parameter types.</summary>
    Method,

    /// <summary>An explicit interface implementation: only the user's own explicit implementation of the same member collides.</summary>
    Explicit,
}

/// <summary>
/// One generated member, declared once: what the emitter writes (doc and code templates) and what the
/// collision checks compare against (name, kind, shape), with the condition under which it exists.
/// </summary>
/// <typeparam name="TModel">The model of the file the member is written into.</typeparam>
internal sealed class MemberSpec<TModel>
{
    private readonly Func<TModel, string> _shape;
    private readonly Func<TModel, bool>? _when;
    private readonly Func<TModel, string?>? _exposes;

    public MemberSpec(string name, MemberKind kind, Func<TModel, string> shape, Func<TModel, string> doc, Func<TModel, string> code, Func<TModel, bool>? when, bool isRelationship,
        Func<TModel, string?>? exposes = null)
    {
        Name = name;
        Kind = kind;
        _shape = shape;
        Doc = doc;
        Code = code;
        _when = when;
        IsRelationship = isRelationship;
        _exposes = exposes;
    }

    /// <summary>The member name (for an explicit implementation, the interface member's name).</summary>
    public string Name { get; }

    /// <summary>How it is declared.</summary>
    public MemberKind Kind { get; }

    /// <summary>The XML doc, without the leading <c>///</c>; one or more lines.</summary>
    public Func<TModel, string> Doc { get; }

    /// <summary>The declaration, attributes first, as a flush-left template the writer indents.</summary>
    public Func<TModel, string> Code { get; }

    /// <summary>
    /// Whether it depends on which classes are registered (the registered user's permission members, a
    /// bundle's or group's collections): checked once the whole compilation is known, and written all
    /// together or not at all (<see cref="Parsing.RelationshipRules"/>).
    /// </summary>
    public bool IsRelationship { get; }

    /// <summary>The registered class the member names in its public signature, if any: a public entity must not expose a class that is not public (KEG018).</summary>
    public string? ExposedType(TModel model) => _exposes?.Invoke(model);

    /// <summary>Whether the member exists for <paramref name="model"/>.</summary>
    public bool AppliesTo(TModel model) => _when is null || _when(model);

    /// <summary>The member as the collision checks see it.</summary>
    public GeneratedMember Describe(string attribute, TModel model) => Kind == MemberKind.Method
        ? new(Name, attribute, IsMethod: true, "(" + _shape(model) + ")")
        : new(Name, attribute, IsMethod: false, _shape(model), IsExplicit: Kind == MemberKind.Explicit);
}

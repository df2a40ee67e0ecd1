using System;
using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// What one attribute adds to a class, declared once: the file it goes into, the class's extra
/// attributes and interfaces, and every member (<see cref="MemberSpec{TModel}"/>). The emitter writes
/// the file from it (<see cref="SpecEmitter"/>) and the collision checks read the same members
/// (<see cref="GeneratedMembers"/>), so adding a member is one entry in one derived class.
/// </summary>
/// <typeparam name="TModel">The plain, equatable model the file is emitted from.</typeparam>
internal abstract class AttributeSpec<TModel>
{
    protected AttributeSpec(string attribute, string fileKind, IEnumerable<MemberSpec<TModel>> members)
    {
        Attribute = attribute;
        FileKind = fileKind;
        Members = members.ToArray();
    }

    /// <summary>The attribute as users write it, without brackets (<c>KegUser</c>): named in collision messages.</summary>
    public string Attribute { get; }

    /// <summary>The part of the hint name that tells this file from the class's others (<c>KegUserEmail</c>).</summary>
    public string FileKind { get; }

    /// <summary>Every member, in the order they are written.</summary>
    public IReadOnlyList<MemberSpec<TModel>> Members { get; }

    /// <summary>The class the file reopens.</summary>
    public abstract EntityTypeModel TypeOf(TModel model);

    /// <summary>Attributes written on the class (indexes), each a full <c>[...]</c>.</summary>
    public virtual IEnumerable<string> ClassAttributes(TModel model) => Array.Empty<string>();

    /// <summary>Interfaces the file adds to the class.</summary>
    public virtual IEnumerable<string> Interfaces(TModel model) => Array.Empty<string>();

    /// <summary>Whether the relationship members are written (all or none; see <see cref="MemberSpec{TModel}.IsRelationship"/>).</summary>
    public virtual bool WritesRelationships(TModel model) => true;

    /// <summary>The members that exist for <paramref name="model"/>, in order.</summary>
    public IEnumerable<MemberSpec<TModel>> MembersFor(TModel model) =>
        Members.Where(m => m.AppliesTo(model) && (!m.IsRelationship || WritesRelationships(model)));

    /// <summary>The hint name of the file for <paramref name="model"/>.</summary>
    public string HintName(TModel model) => HintNames.For(TypeOf(model), FileKind);

    /// <summary>The generated source for <paramref name="model"/>.</summary>
    public string Emit(TModel model) => SpecEmitter.Emit(this, model);

    /// <summary>The members of <paramref name="model"/> as the collision checks see them; <paramref name="relationships"/> picks the registry-dependent ones or the rest.</summary>
    public IEnumerable<GeneratedMember> Describe(TModel model, bool relationships) =>
        MembersFor(model).Where(m => m.IsRelationship == relationships).Select(m => m.Describe(Attribute, model));

    /// <summary>The relationship members of <paramref name="model"/> that name a registered class in their signature, with that class.</summary>
    public IEnumerable<(string Member, string Type)> Exposed(TModel model) =>
        MembersFor(model).Where(m => m.IsRelationship && m.ExposedType(model) is not null).Select(m => (m.Name, m.ExposedType(model)!));

    /// <summary>A property or field of type <paramref name="type"/>.</summary>
    protected static MemberSpec<TModel> Property(string name, Func<TModel, string> type, Func<TModel, string> doc, Func<TModel, string> code,
        Func<TModel, bool>? when = null, bool isRelationship = false, Func<TModel, string?>? exposes = null) =>
        new(name, MemberKind.Property, type, doc, code, when, isRelationship, exposes);

    /// <summary>A method with the parameter types <paramref name="parameters"/> (comma-separated, reference types without <c>?</c>: overloads ignore it).</summary>
    protected static MemberSpec<TModel> Method(string name, Func<TModel, string> parameters, Func<TModel, string> doc, Func<TModel, string> code,
        Func<TModel, bool>? when = null, bool isRelationship = false, Func<TModel, string?>? exposes = null) =>
        new(name, MemberKind.Method, parameters, doc, code, when, isRelationship, exposes);

    /// <summary>An explicit implementation of the interface member <paramref name="name"/>, of type <paramref name="type"/>.</summary>
    protected static MemberSpec<TModel> Explicit(string name, Func<TModel, string> type, Func<TModel, string> doc, Func<TModel, string> code) =>
        new(name, MemberKind.Explicit, type, doc, code, when: null, isRelationship: false);
}

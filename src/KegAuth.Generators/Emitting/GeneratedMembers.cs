using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Emitting.Specs;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// The members KegAuth generates, per entity kind, as the collision checks (KEG010, KEG011, KEG017)
/// see them: read from the same <see cref="AttributeSpec{TModel}"/> members the emitters write, with a
/// probe model whose class is <see cref="Self"/>, so this is a view, not a second list.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>Stands for the entity class in a member's shape.</summary>
    public const string Self = "{self}";

    private static readonly EntityTypeModel Probe = new(string.Empty, EquatableArray<ContainingTypeModel>.Empty, Self, Self, Self, IsPublic: true);

    // Every class is registered, under a name no real class has: what the parser checks against before the registry is known.
    private static readonly RegistryModel FullRegistry = new("global::?", "global::?", "global::?", "global::?", "global::?", IsEmpty: false);

    /// <summary>
    /// The members a user gets from its own attributes (<c>[KegUser]</c>, <c>[KegUserEmail]</c>,
    /// <c>[KegUserToken]</c>, <c>[KegUserTotp]</c>), known without the rest of the compilation.
    /// </summary>
    public static List<GeneratedMember> ForUser(Parsing.KegAttributes mixins)
    {
        var user = new UserModel(Probe, "Id", KeyKind.Int32, KeyIsNullable: false, mixins & Parsing.KegAttributes.Mixins, Registered: false, EquatableArray<string>.Empty);
        var mixin = UserMixinModel.From(user);
        var members = KegUserMembers.Spec.Describe(user, relationships: false).ToList();
        foreach (var (flag, _, spec) in UserMixinSpecs.All)
        {
            if (user.Has(flag))
            {
                members.AddRange(spec.Describe(mixin, relationships: false));
            }
        }

        return members;
    }

    /// <summary>The permission members only the registered user gets, when a permission class exists.</summary>
    public static List<GeneratedMember> ForPermissionUser(RegistryModel registry) =>
        KegUserPermissionMembers.Spec.Describe(new PermissionUserModel(Probe, "Id", registry.Permission!, registry.Bundle, registry.Group), relationships: true).ToList();

    /// <summary>The members of an attempt class.</summary>
    public static List<GeneratedMember> ForAttempt() => KegAttemptMembers.Spec.Describe(new AttemptModel(Probe), relationships: false).ToList();

    /// <summary>
    /// The members a permission, bundle or group gets from its attribute alone; the collections depend
    /// on the registry (<see cref="ForRelationships"/>).
    /// </summary>
    public static List<GeneratedMember> ForEntity(EntityKind kind) => kind switch
    {
        EntityKind.Permission => KegPermissionMembers.Spec.Describe(new KegEntityModel(kind, Probe, "Id", EquatableArray<string>.Empty), relationships: false).ToList(),
        _ => Grouping(kind).Describe(GroupingProbe(kind, FullRegistry), relationships: false).ToList(),
    };

    /// <summary>The relationship members of a bundle or group, which depend on which classes are registered.</summary>
    public static List<GeneratedMember> ForRelationships(EntityKind kind, RegistryModel registry) =>
        Grouping(kind).Describe(GroupingProbe(kind, registry), relationships: true).ToList();

    /// <summary>
    /// The relationship members an entity of <paramref name="kind"/> can get, with every other kind
    /// registered: what the parser checks the class against before the registry is known.
    /// </summary>
    public static List<GeneratedMember> MostRelationships(EntityKind kind) => kind switch
    {
        EntityKind.User => ForPermissionUser(FullRegistry),
        EntityKind.Bundle or EntityKind.Group => ForRelationships(kind, FullRegistry),
        _ => new List<GeneratedMember>(),
    };

    /// <summary>The registered classes each relationship member of <paramref name="kind"/> names in its signature (KEG018), in member order.</summary>
    public static List<(string Member, string Type)> Exposed(EntityKind kind, RegistryModel registry) => kind switch
    {
        EntityKind.User when registry.HasPermissionModel =>
            KegUserPermissionMembers.Spec.Exposed(new PermissionUserModel(Probe, "Id", registry.Permission!, registry.Bundle, registry.Group)).ToList(),
        EntityKind.Bundle or EntityKind.Group => Grouping(kind).Exposed(GroupingProbe(kind, registry)).ToList(),
        _ => new List<(string, string)>(),
    };

    private static GroupingSpec Grouping(EntityKind kind) => kind == EntityKind.Bundle ? KegBundleMembers.Spec : KegGroupMembers.Spec;

    private static GroupingModel GroupingProbe(EntityKind kind, RegistryModel registry) =>
        new(kind, Probe, "Id", registry.Permission, registry.Bundle, registry.Group, registry.User, WritesRelationships: true);
}

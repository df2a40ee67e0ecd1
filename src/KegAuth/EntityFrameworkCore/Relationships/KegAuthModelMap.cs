using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// What KegAuth knows about one finished model: which entity types are KegAuth's, and the
/// many-to-many relationships between users, permissions, bundles and groups, read from EF's skip
/// navigations. Built once per model and kept as a runtime annotation, like the compiled permission
/// queries; the permission query, the session-key reset and the column-length check all read it.
/// </summary>
internal sealed class KegAuthModelMap
{
    private const string AnnotationName = "KegAuth:ModelMap";

    private readonly Dictionary<IReadOnlySkipNavigation, KegRelationship> _bySkipNavigation = [];
    private readonly Dictionary<IEntityType, KegRelationship> _byJoin = [];
    private readonly Dictionary<IEntityType, List<KegRelationship>> _byRightRoot = [];
    private readonly Dictionary<IEntityType, KegEntityKind> _kinds = [];
    private readonly HashSet<IEntityType> _passkeys = [];

    private KegAuthModelMap(IModel model)
    {
        foreach (var type in model.GetEntityTypes())
        {
            if (type.ClrType == typeof(KegPasskey))
            {
                _passkeys.Add(type);
            }

            // Written without pattern variables in the conditions: a mutant that leaves one unassigned
            // does not compile, and Stryker then drops every mutant of this constructor.
            // Stryker disable once Conditional : the shared types of a model are its join tables, whose CLR type (a property bag) implements no kind's interface, so KindOf answers null for them too; the check keeps the map in step with the registry (KegEntityTypes)
            var kind = type.HasSharedClrType ? null : KegEntityInterfaces.KindOf(type.ClrType);
            if (kind is null)
            {
                continue;
            }

            _kinds[type] = kind.Value;
            foreach (var mapping in KegAuthMappingTables.All.Where(mapping => mapping.LeftKind == kind))
            {
                // Declared only: a derived type reaches its base's relationship through FindSkipNavigation.
                var skip = type.FindDeclaredSkipNavigation(mapping.LeftNavigation);
                if (skip is not null)
                {
                    Add(skip, Read(type, skip));
                }
            }
        }
    }

    /// <summary>Every relationship of the model.</summary>
    public IEnumerable<KegRelationship> Relationships => _bySkipNavigation.Values;

    /// <summary>The map of <paramref name="model"/>, built on first use.</summary>
    public static KegAuthModelMap Of(IModel model)
        => model.GetOrAddRuntimeAnnotationValue(AnnotationName, static m => new KegAuthModelMap(m!), model);

    /// <summary>Whether rows of <paramref name="type"/> are KegAuth's: a KegAuth entity, one of their mapping tables, or passkeys.</summary>
    public bool Covers(IEntityType type) => _kinds.ContainsKey(type) || _byJoin.ContainsKey(type) || _passkeys.Contains(type);

    /// <summary>Whether rows of <paramref name="type"/> are users' passkeys.</summary>
    public bool IsPasskey(IEntityType type) => _passkeys.Contains(type);

    /// <summary>The kind of a KegAuth entity type, or <see langword="null"/> for any other type (mapping tables included).</summary>
    public KegEntityKind? Kind(IEntityType type) => _kinds.TryGetValue(type, out var kind) ? kind : null;

    /// <summary>The relationship behind <paramref name="entity"/>'s collection <paramref name="navigation"/> (declared or inherited), or <see langword="null"/> when it is not a many-to-many.</summary>
    public KegRelationship? Find(IEntityType entity, string navigation)
        => entity.FindSkipNavigation(navigation) is { } skip && _bySkipNavigation.TryGetValue(skip, out var relationship) ? relationship : null;

    /// <summary>The relationship whose mapping table is <paramref name="join"/>, or <see langword="null"/>.</summary>
    public KegRelationship? ForJoin(IEntityType join) => _byJoin.GetValueOrDefault(join);

    /// <summary>The relationships whose collections hold entities of the hierarchy rooted at <paramref name="root"/>: who holds a bundle, who is in a group.</summary>
    public IReadOnlyList<KegRelationship> Holding(IEntityType root) => _byRightRoot.TryGetValue(root, out var list) ? list : [];

    private static KegRelationship Read(IEntityType left, ISkipNavigation skip)
    {
        var join = skip.JoinEntityType;
        var right = skip.TargetEntityType;
        var name = $"'{left.DisplayName()}.{skip.Name}'";
        var back = skip.ForeignKey;

        // A finished model's skip navigation always has an inverse (EF's validation refuses one without;
        // a one-sided many-to-many gets a hidden one), so both foreign keys are at hand.
        var forward = skip.Inverse.ForeignKey;
        if (back.Properties.Count != 1 || forward.Properties.Count != 1)
        {
            return new(left, skip.Name, right, join, null,
                $"{name} maps to a composite key; KegAuth resolves permissions and session keys through single-column mapping tables.");
        }

        // Keys are followed from table to table (a group's key from user_groups into group_bundles),
        // so each must be the primary key; only the permission, at the end of every route, may differ.
        if (!IsPrimaryKey(back) || (KegEntityInterfaces.KindOf(right.ClrType) != KegEntityKind.Permission && !IsPrimaryKey(forward)))
        {
            return new(left, skip.Name, right, join, null,
                $"{name} maps to a key other than a primary key; KegAuth's mapping tables reference the primary keys of users, bundles and groups.");
        }

        return new(left, skip.Name, right, join, new MappingHop(join, back.Properties[0], forward.Properties[0], right, forward.PrincipalKey.Properties[0]), null);
    }

    private static bool IsPrimaryKey(IForeignKey foreignKey) => foreignKey.PrincipalKey.IsPrimaryKey();

    private void Add(ISkipNavigation skip, KegRelationship relationship)
    {
        _bySkipNavigation[skip] = relationship;
        _byJoin[relationship.Join] = relationship;
        var root = relationship.Right.GetRootType();
        if (!_byRightRoot.TryGetValue(root, out var list))
        {
            _byRightRoot[root] = list = [];
        }

        list.Add(relationship);
    }
}

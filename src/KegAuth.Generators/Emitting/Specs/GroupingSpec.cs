using System;
using System.Collections.Generic;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>What <see cref="KegBundleMembers"/> and <see cref="KegGroupMembers"/> share: a unique name and collections to the registered classes.</summary>
internal abstract class GroupingSpec : AttributeSpec<GroupingModel>
{
    protected GroupingSpec(string attribute, IEnumerable<MemberSpec<GroupingModel>> members)
        : base(attribute, attribute, members)
    {
    }

    public override EntityTypeModel TypeOf(GroupingModel model) => model.Type;

    public override IEnumerable<string> ClassAttributes(GroupingModel model) => [K.UniqueIndex("Name")];

    public override bool WritesRelationships(GroupingModel model) => model.WritesRelationships;

    /// <summary>The unique name of a <paramref name="kind"/> (<c>bundle</c>, <c>group</c>).</summary>
    protected static MemberSpec<GroupingModel> Name(string kind) =>
        Property("Name", _ => "string",
            _ => $"<summary>The {kind} name (keg-auth <c>name</c>): at most 1024 characters, unique.</summary>",
            _ => $$"""
                [{{K.MaxLength}}(1024)]
                public string Name { get; set; } = string.Empty;
                """);

    /// <summary>A collection navigation to the registered class <paramref name="type"/> picks, when there is one.</summary>
    protected static MemberSpec<GroupingModel> Collection(string name, Func<GroupingModel, string?> type, string summary) =>
        Property(name, m => K.Collection(type(m)!),
            _ => $"<summary>{summary}</summary>",
            m => $"public {K.Collection(type(m)!)} {name} {{ get; set; }} = new {K.HashSet(type(m)!)}();",
            when: m => type(m) is not null, isRelationship: true, exposes: type);
}

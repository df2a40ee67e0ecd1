using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis.CSharp;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary><c>[KegPermissionSet]</c>: the set's <c>All</c>, each declared constant with its description.</summary>
internal sealed class KegPermissionSetMembers : AttributeSpec<PermissionSetModel>
{
    public static readonly KegPermissionSetMembers Spec = new();

    private const string DeclaredPermission = "global::KegAuth.KegDeclaredPermission";

    private KegPermissionSetMembers()
        : base("KegPermissionSet", "KegPermissionSet", Declare())
    {
    }

    public override EntityTypeModel TypeOf(PermissionSetModel model) => model.Type;

    // One entry per line inside the initializer's braces; the separator carries the entries' indentation there.
    private static string Entries(PermissionSetModel m) => string.Join("\n    ", m.Permissions.Select(p =>
        $"new {DeclaredPermission}({Identifier.Escape(p.FieldName)}, {(p.Description is null ? "null" : SymbolDisplay.FormatLiteral(p.Description, quote: true))}),"));

    private static IEnumerable<MemberSpec<PermissionSetModel>> Declare() =>
    [
        Property(Parsing.PermissionSetRules.AllMember, _ => $"global::System.Collections.Generic.IReadOnlyList<{DeclaredPermission}>",
            _ => "<summary>Every permission this set declares, with its description, in declaration order: pass it to <c>AddDeclaredPermissions</c> to keep the permission table in step.</summary>",
            m => $$"""
                public static global::System.Collections.Generic.IReadOnlyList<{{DeclaredPermission}}> {{Parsing.PermissionSetRules.AllMember}} { get; } = new {{DeclaredPermission}}[]
                {
                    {{Entries(m)}}
                };
                """),
    ];
}

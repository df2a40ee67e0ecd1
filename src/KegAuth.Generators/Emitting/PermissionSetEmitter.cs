using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis.CSharp;

namespace KegAuth.Generators.Emitting;

/// <summary>Emits a permission set's <c>All</c>: each declared constant with its description.</summary>
internal static class PermissionSetEmitter
{
    /// <summary>The hint name of the set's generated file.</summary>
    public static string HintName(PermissionSetModel model) => HintNames.For(model.Type, "KegPermissionSet");

    /// <summary>The generated source for <paramref name="model"/>.</summary>
    public static string Emit(PermissionSetModel model) =>
        PartialClassWriter.Write(model.Type, System.Array.Empty<string>(), System.Array.Empty<string>(), writer =>
        {
            MemberWriter.Write(writer,
                MemberWriter.Summary("Every permission this set declares, with its description, in declaration order: pass it to <c>AddDeclaredPermissions</c> to keep the permission table in step."));
            writer.Open("public static global::System.Collections.Generic.IReadOnlyList<global::KegAuth.KegDeclaredPermission> " + Parsing.PermissionSetRules.AllMember + " { get; } = new global::KegAuth.KegDeclaredPermission[]");
            foreach (var permission in model.Permissions)
            {
                var description = permission.Description is null ? "null" : SymbolDisplay.FormatLiteral(permission.Description, quote: true);
                writer.Line("new global::KegAuth.KegDeclaredPermission(" + Identifier.Escape(permission.FieldName) + ", " + description + "),");
            }

            writer.Close(";");
        });
}

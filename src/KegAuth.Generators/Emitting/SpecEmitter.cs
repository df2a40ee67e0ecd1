using System.Linq;
using KegAuth.Generators.Emitting.Specs;
using KegAuth.Generators.Helpers;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Writes one attribute's file from its <see cref="AttributeSpec{TModel}"/>: the header, the reopened
/// namespace and enclosing types, the class with the spec's attributes and interfaces, then each member
/// that applies with its doc and <c>[GeneratedCode]</c>. Every user name is escaped here.
/// </summary>
internal static class SpecEmitter
{
    /// <summary>The file's text.</summary>
    public static string Emit<TModel>(AttributeSpec<TModel> spec, TModel model)
    {
        var type = spec.TypeOf(model);
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCodeInfo.Header);
        writer.WriteLine();
        if (type.Namespace.Length > 0)
        {
            writer.OpenBlock("namespace " + Identifier.Namespace(type.Namespace));
        }

        foreach (var outer in type.ContainingTypes)
        {
            writer.OpenBlock("partial " + outer.Keyword + " " + Identifier.Escape(outer.Name));
        }

        foreach (var attribute in spec.ClassAttributes(model))
        {
            writer.WriteLine(attribute);
        }

        var interfaces = spec.Interfaces(model).ToList();
        writer.OpenBlock("partial class " + Identifier.Escape(type.Name) + (interfaces.Count == 0 ? string.Empty : " : " + string.Join(", ", interfaces)));
        var first = true;
        foreach (var member in spec.MembersFor(model))
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            WriteDoc(writer, member.Doc(model));
            writer.WriteLine(GeneratedCodeInfo.GeneratedCodeAttribute);
            writer.WriteLine(member.Code(model));
        }

        while (writer.Indentation > 0)
        {
            writer.CloseBlock();
        }

        return writer.ToStringAndFree();
    }

    /// <summary>Writes <paramref name="doc"/> as <c>///</c> lines.</summary>
    public static void WriteDoc(SourceWriter writer, string doc) => writer.WritePrefixedLines("/// ", doc);
}

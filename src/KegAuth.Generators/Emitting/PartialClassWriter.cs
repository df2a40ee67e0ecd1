using System;
using System.Collections.Generic;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Emitting;

/// <summary>Reopens an entity's partial class (namespace, enclosing types) around generated members; every user name is escaped here.</summary>
internal static class PartialClassWriter
{
    /// <summary>Writes the whole file: header, namespace, enclosing types, then the class with <paramref name="writeMembers"/>.</summary>
    public static string Write(
        EntityTypeModel type,
        IReadOnlyList<string> classAttributes,
        IReadOnlyList<string> interfaces,
        Action<SourceWriter> writeMembers)
    {
        var writer = new SourceWriter();
        writer.Line(GeneratedCodeInfo.Header.TrimEnd('\n'));
        writer.Line();
        var hasNamespace = type.Namespace.Length > 0;
        if (hasNamespace)
        {
            writer.Open("namespace " + Identifier.Namespace(type.Namespace));
        }

        foreach (var outer in type.ContainingTypes)
        {
            writer.Open("partial " + outer.Keyword + " " + Identifier.Escape(outer.Name));
        }

        foreach (var attribute in classAttributes)
        {
            writer.Line(attribute);
        }

        var baseList = interfaces.Count == 0 ? string.Empty : " : " + string.Join(", ", interfaces);
        writer.Open("partial class " + Identifier.Escape(type.Name) + baseList);
        writeMembers(writer);
        writer.Close();

        for (var i = 0; i < type.ContainingTypes.Count; i++)
        {
            writer.Close();
        }

        if (hasNamespace)
        {
            writer.Close();
        }

        return writer.ToString();
    }
}

using Microsoft.CodeAnalysis.CSharp;

namespace KegAuth.Generators.Helpers;

/// <summary>
/// Writes the user's identifiers into generated code: any name the generator did not invent goes
/// through here, so a keyword (<c>@class</c>, <c>@event</c>, <c>@var</c>) stays a name and a member
/// is never confused with a parameter or local of the same name.
/// </summary>
internal static class Identifier
{
    /// <summary>
    /// <paramref name="name"/>, <c>@</c>-escaped when it is a keyword or contextual keyword, or made of
    /// lower-case ASCII letters only (a name C# may reserve later: CS8981 warns on each unescaped declaration).
    /// </summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None || IsLowerAscii(name)
            ? "@" + name
            : name;

    private static bool IsLowerAscii(string name)
    {
        foreach (var c in name)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    /// <summary>An access to the user's instance member <paramref name="name"/>: <c>this.@Name</c>, immune to parameters named like it.</summary>
    public static string This(string name) => "this." + Escape(name);

    /// <summary>A dotted namespace with each part escaped.</summary>
    public static string Namespace(string dotted) => string.Join(".", System.Linq.Enumerable.Select(dotted.Split('.'), Escape));
}

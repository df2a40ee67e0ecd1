using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KegAuth.Benchmarks.Generator;

/// <summary>
/// A synthetic user project for the generator benchmark: annotated entities (users with and without
/// the email and token mixins, one registered, plus the one permission, bundle, group and attempt
/// class the registry allows) and as many ordinary classes, one file each, as an IDE sees them.
/// </summary>
public sealed class SyntheticCompilation
{
    /// <summary>The .NET 10 reference assemblies, KegAuth, and EF Core (attempts take a DbContext).</summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(KegUserAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.IndexAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.Location),
    ];

    /// <summary>Latest C#, as user projects get.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private SyntheticCompilation(CSharpCompilation compilation, SyntaxTree unrelated, SyntaxTree unrelatedEdited)
    {
        Compilation = compilation;
        Unrelated = unrelated;
        UnrelatedEdited = unrelatedEdited;
    }

    /// <summary>The whole project.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>An ordinary file the "unrelated edit" changes.</summary>
    public SyntaxTree Unrelated { get; }

    /// <summary>That file after the edit (a method body and a new member; no Keg attribute anywhere near).</summary>
    public SyntaxTree UnrelatedEdited { get; }

    /// <summary>The project with the unrelated edit applied: a new compilation, so nothing semantic is cached.</summary>
    public CSharpCompilation Edited() => Compilation.ReplaceSyntaxTree(Unrelated, UnrelatedEdited);

    /// <summary>Builds a project with <paramref name="entities"/> annotated classes and <paramref name="ordinary"/> plain ones.</summary>
    public static SyntheticCompilation Create(int entities, int ordinary)
    {
        var trees = new List<SyntaxTree>
        {
            Parse("Permission.cs", "using KegAuth;\nnamespace Bench.Auth;\n[KegPermission]\npublic partial class Permission { public int Id { get; set; } }\n"),
            Parse("Bundle.cs", "using KegAuth;\nnamespace Bench.Auth;\n[KegBundle]\npublic partial class Bundle { public int Id { get; set; } }\n"),
            Parse("Group.cs", "using KegAuth;\nnamespace Bench.Auth;\n[KegGroup]\npublic partial class Group { public int Id { get; set; } }\n"),
            Parse("Attempt.cs", "using KegAuth;\nnamespace Bench.Auth;\n[KegAttempt]\npublic partial class Attempt { public int Id { get; set; } }\n"),
        };

        for (var i = 0; i < entities - 4; i++)
        {
            trees.Add(Parse($"Users/User{i}.cs", User(i)));
        }

        for (var i = 0; i < ordinary; i++)
        {
            trees.Add(Parse($"Plain/Plain{i}.cs", Plain(i, "return Id * x;")));
        }

        var unrelated = trees[^1];
        var edited = Parse(unrelated.FilePath, Plain(ordinary - 1, "return Id * x + 1;") + "public static class Extra { public static int One => 1; }\n");
        var compilation = CSharpCompilation.Create(
            "BenchProject",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return new SyntheticCompilation(compilation, unrelated, edited);
    }

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path, Encoding.UTF8);

    private static string User(int i)
    {
        // A mix: plain, email, token, email and token; int, long and Guid keys; user 0 is the registered one.
        var attributes = (i % 4) switch
        {
            0 => i == 0 ? "KegUser(Registered = true)" : "KegUser",
            1 => "KegUser, KegUserEmail",
            2 => "KegUser, KegUserToken",
            _ => "KegUser, KegUserEmail, KegUserToken",
        };
        var key = (i % 3) switch { 0 => "int", 1 => "long", _ => "System.Guid" };
        return $$"""
            using KegAuth;
            namespace Bench.Users;
            [{{attributes}}]
            public partial class User{{i}}
            {
                public {{key}} Id { get; set; }
                public string? Nickname { get; set; }
                public int Score(int x) { return x * 2; }
            }

            """;
    }

    private static string Plain(int i, string body) => $$"""
        namespace Bench.Plain;
        public class Plain{{i}}
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public int Compute(int x) { {{body}} }
        }

        """;
}

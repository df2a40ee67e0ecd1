namespace KegAuth.Generators.Models;

/// <summary>A type that encloses a nested entity class: its keyword (<c>class</c>, <c>struct</c>, ...) and its name as declared (the writer escapes it).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

namespace KegAuth.Generators.Models;

/// <summary>A type that encloses a nested entity class: its keyword (<c>class</c>, <c>struct</c>, ...) and name with type parameters.</summary>
internal sealed record ContainingTypeModel(string Keyword, string NameWithTypeParameters);

namespace KegAuth.Generators.Models;

/// <summary>The supported key property types; they decide how the key appears in a token's <c>user_id</c> claim.</summary>
internal enum KeyKind
{
    Int32,
    Int64,
    Guid,
    String,
}

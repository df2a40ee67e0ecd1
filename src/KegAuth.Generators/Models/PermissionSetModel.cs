using KegAuth.Generators.Helpers;

namespace KegAuth.Generators.Models;

/// <summary>A <c>[KegPermissionSet]</c> class: where it lives and the permissions it declares, in declaration order.</summary>
/// <param name="Type">The class.</param>
/// <param name="Permissions">Its valid, distinct declarations.</param>
internal sealed record PermissionSetModel(EntityTypeModel Type, EquatableArray<DeclaredPermissionModel> Permissions);

/// <summary>One declared permission.</summary>
/// <param name="FieldName">The constant's name, as declared.</param>
/// <param name="Token">The token.</param>
/// <param name="Description">The <c>[Description]</c> text, or <see langword="null"/>.</param>
internal sealed record DeclaredPermissionModel(string FieldName, string Token, string? Description);

namespace KegAuth.Generators.Models;

/// <summary>One annotated class as the registry sees it.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified name.</param>
/// <param name="MetadataName">The metadata name, for a stable order.</param>
/// <param name="Registered">For users, whether <c>[KegUser(Registered = true)]</c> is set.</param>
/// <param name="IsPublic">Whether the class is public all the way out.</param>
internal sealed record RegistrationModel(EntityKind Kind, string FullyQualifiedName, string MetadataName, bool Registered, bool IsPublic = true);

using KegAuth.Generators.Helpers;

namespace KegAuth.Generators.Models;

/// <summary>
/// Where an annotated class lives and what it is called: everything the emitter needs to reopen the
/// partial class. Plain strings only, so models stay equatable and hold no compilation alive.
/// </summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Name">The class name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified name.</param>
/// <param name="MetadataName">The unique metadata name (<c>Ns.Outer+Inner</c>), the basis of hint names.</param>
internal sealed record EntityTypeModel(
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string FullyQualifiedName,
    string MetadataName);

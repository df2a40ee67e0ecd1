using KegAuth.Generators.Helpers;

namespace KegAuth.Generators.Models;

/// <summary>
/// Where an annotated class lives and what it is called: everything the emitter needs to reopen the
/// partial class. Plain strings only, so models stay equatable and hold no compilation alive. Names
/// are as declared (<c>class</c>, not <c>@class</c>): the writer escapes them.
/// </summary>
/// <param name="Namespace">The dotted namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Name">The class name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified, escaped name, ready for code.</param>
/// <param name="MetadataName">The unique metadata name (<c>Ns.Outer+Inner</c>), the basis of hint names.</param>
/// <param name="IsPublic">Whether the class is visible outside the assembly (public all the way out); another public class may then expose it.</param>
internal sealed record EntityTypeModel(
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string FullyQualifiedName,
    string MetadataName,
    bool IsPublic);

namespace KegAuth.Generators.Emitting;

/// <summary>
/// One generated member as the collision analyzers see it, described from its <see cref="Specs.MemberSpec{TModel}"/>.
/// </summary>
/// <param name="Name">The member name.</param>
/// <param name="Attribute">The attribute that makes KegAuth generate it, without brackets (<c>KegUser</c>).</param>
/// <param name="IsMethod">Whether it is a method; a user method of the same name collides only with the same parameters.</param>
/// <param name="Shape">
/// For a property or field, its type; for a method, its parameter types in parentheses. Types are in
/// <c>global::</c>-qualified form with nullable annotations; <see cref="GeneratedMembers.Self"/> stands for the entity class.
/// </param>
/// <param name="IsExplicit">
/// Whether it is an explicit interface implementation (named here by the interface member's name):
/// it collides only with the user's own explicit implementation of the same member.
/// </param>
internal sealed record GeneratedMember(string Name, string Attribute, bool IsMethod, string Shape, bool IsExplicit = false);

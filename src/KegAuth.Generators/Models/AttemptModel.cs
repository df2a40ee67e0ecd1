namespace KegAuth.Generators.Models;

/// <summary>What the generator emits for one <c>[KegAttempt]</c> class: its columns depend on nothing but where it lives.</summary>
/// <param name="Type">The class.</param>
internal sealed record AttemptModel(EntityTypeModel Type);

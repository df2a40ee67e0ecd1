using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// One many-to-many between two KegAuth entities as the model maps it, oriented as keg-auth's
/// mapping tables are: <paramref name="Left"/> (user, group or bundle) holds the collection
/// <paramref name="Navigation"/> of <paramref name="Right"/>, through the rows of
/// <paramref name="Join"/>. The table and column names are whatever the model says: KegAuth's
/// own tables, or a <c>UsingEntity</c> the application configured itself.
/// </summary>
/// <param name="Left">The entity type that declares <paramref name="Navigation"/>.</param>
/// <param name="Navigation">The collection's name (<c>Permissions</c>, <c>Bundles</c>, <c>Groups</c>).</param>
/// <param name="Right">The entity type the collection holds.</param>
/// <param name="Join">The mapping table's entity type.</param>
/// <param name="Forward">The step from <paramref name="Left"/> to the other side; <see langword="null"/> when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why KegAuth cannot use this relationship (composite keys, a key other than the primary key), or <see langword="null"/>.</param>
internal sealed record KegRelationship(IEntityType Left, string Navigation, IEntityType Right, IEntityType Join, MappingHop? Forward, string? Error)
{
    /// <summary>The step from <see cref="Left"/>, or the relationship's <see cref="Error"/> as an exception.</summary>
    /// <exception cref="InvalidOperationException">The relationship has an <see cref="Error"/>.</exception>
    public MappingHop Hop => Forward ?? throw new InvalidOperationException(Error);
}

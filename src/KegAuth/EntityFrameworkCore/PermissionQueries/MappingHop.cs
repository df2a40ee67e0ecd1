using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// One step along a mapping table: rows of <paramref name="Join"/> whose <paramref name="From"/>
/// column holds the previous entity's key give the next entity's key in <paramref name="To"/>.
/// Read backwards (filter on <paramref name="To"/>, select <paramref name="From"/>) it gives the
/// entities that hold a given target, as the session-key reset needs.
/// </summary>
/// <param name="Join">The mapping table's entity type.</param>
/// <param name="From">The join column pointing back at the entity the step starts from (its primary key).</param>
/// <param name="To">The join column pointing at <paramref name="Target"/>.</param>
/// <param name="Target">The entity the step arrives at.</param>
/// <param name="TargetKey">The key of <paramref name="Target"/> that <paramref name="To"/> holds.</param>
internal sealed record MappingHop(IEntityType Join, IProperty From, IProperty To, IEntityType Target, IProperty TargetKey);

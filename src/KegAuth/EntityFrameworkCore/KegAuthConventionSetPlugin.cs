using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Adds <see cref="KegAuthConversionConvention"/> to every KegAuth context's conventions.</summary>
internal sealed class KegAuthConventionSetPlugin : IConventionSetPlugin
{
    /// <inheritdoc/>
    public ConventionSet ModifyConventions(ConventionSet conventionSet)
    {
        var convention = new KegAuthConversionConvention();

        // First in both lists: PasswordHash properties must exist before relationship discovery
        // mistakes the class for an entity, and converters must be set before type mappings are chosen.
        conventionSet.EntityTypeAddedConventions.Insert(0, convention);
        conventionSet.ModelFinalizingConventions.Insert(0, convention);
        return conventionSet;
    }
}

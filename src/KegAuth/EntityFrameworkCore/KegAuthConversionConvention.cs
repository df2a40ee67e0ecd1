using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Maps <see cref="PasswordHash"/> properties to non-unicode strings and puts the converters of
/// <see cref="KegAuthPropertyConversions"/> on KegAuth entities. Configures at convention level,
/// so a user's explicit mapping wins.
/// </summary>
internal sealed class KegAuthConversionConvention : IEntityTypeAddedConvention, IModelFinalizingConvention
{
    /// <inheritdoc/>
    public void ProcessEntityTypeAdded(IConventionEntityTypeBuilder entityTypeBuilder, IConventionContext<IConventionEntityTypeBuilder> context)
    {
        var entityType = entityTypeBuilder.Metadata;
        if (!entityType.HasSharedClrType)
        {
            foreach (var property in entityType.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (IsPasswordHashCandidate(property) && !entityType.IsIgnored(property.Name))
                {
                    ConfigurePasswordHash(entityTypeBuilder.Property(property));
                }
            }
        }
    }

    /// <inheritdoc/>
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            foreach (var property in entityType.GetDeclaredProperties())
            {
                if (property.ClrType == typeof(PasswordHash))
                {
                    ConfigurePasswordHash(property.Builder);
                }

                foreach (var conversion in KegAuthPropertyConversions.All)
                {
                    if (property.Name == conversion.PropertyName
                        && conversion.EntityInterface.IsAssignableFrom(entityType.ClrType)
                        && (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == conversion.Converter.ModelClrType)
                    {
                        property.Builder.HasConversion(conversion.Converter);
                    }
                }
            }
        }
    }

    // A PasswordHash is not a type EF can map by itself; left alone it would be taken for an entity.
    private static bool IsPasswordHashCandidate(PropertyInfo property)
        => property.PropertyType == typeof(PasswordHash)
            && property is { CanRead: true, CanWrite: true }
            && property.GetIndexParameters().Length == 0
            && property.GetCustomAttribute<NotMappedAttribute>() is null;

    private static void ConfigurePasswordHash(IConventionPropertyBuilder? builder)
    {
        // keg-auth's KAPasswordType is ASCII text: varchar on SQL Server.
        builder?.HasConversion(PasswordHashConverter.Instance);
        builder?.IsUnicode(false);
    }
}

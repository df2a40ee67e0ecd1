using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// With <see cref="KegSchemaNaming.KegAuth"/>, stores hashes and timestamps in the column types
/// keg-auth's SQLAlchemy models create on the context's provider. Names are EFCore.NamingConventions'
/// snake_case, turned on by UseKegAuth; this class handles only what names cannot.
/// </summary>
internal static class KegAuthSchemaMapping
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Configures the converters; a converter the user configured explicitly is left alone.</summary>
    public static void Configure(ModelBuilder modelBuilder, DbContext context, KegSchemaNaming? naming)
    {
        if (naming != KegSchemaNaming.KegAuth || context.Database.ProviderName != Sqlite)
        {
            // SQL Server keeps varchar hashes (KAPasswordType's MSSQL rule) and datetime2 reads
            // SQLAlchemy's DATETIME; PostgreSQL's bytea, timestamp and enum columns are not mapped yet.
            return;
        }

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetDeclaredProperties())
            {
                if (property.ClrType == typeof(PasswordHash))
                {
                    SetConverter(property, PasswordHashBytesConverter.Instance);
                }
                else if (IsKegUtcTimestamp(entityType, property))
                {
                    SetConverter(property, SqlAlchemySqliteDateTimeConverter.Instance);
                }
            }
        }
    }

    private static bool IsKegUtcTimestamp(IMutableEntityType entityType, IMutableProperty property)
        => KegAuthPropertyConversions.All.Any(conversion =>
            conversion.Converter is UtcDateTimeConverter
            && conversion.PropertyName == property.Name
            && conversion.EntityInterface.IsAssignableFrom(entityType.ClrType)
            && (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(DateTime));

    private static void SetConverter(IMutableProperty property, ValueConverter converter)
    {
        var source = ((IConventionProperty)property).GetValueConverterConfigurationSource();
        if (source is not (ConfigurationSource.Explicit or ConfigurationSource.DataAnnotation))
        {
            property.SetValueConverter(converter);
        }
    }
}

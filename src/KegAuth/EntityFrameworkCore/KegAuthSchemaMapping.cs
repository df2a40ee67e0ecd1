using KegAuth.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// With <see cref="KegSchemaNaming.KegAuth"/>, stores hashes, timestamps and attempt types in the
/// column types keg-auth's SQLAlchemy models create on the context's provider. Names are EFCore.NamingConventions'
/// snake_case, turned on by UseKegAuth; this class handles only what names cannot.
/// </summary>
internal static class KegAuthSchemaMapping
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Configures the converters; a converter the user configured explicitly is left alone.</summary>
    public static void Configure(ModelBuilder modelBuilder, DbContext context, KegSchemaNaming? naming)
    {
        var provider = context.Database.ProviderName;

        // SQL Server keeps varchar hashes (KAPasswordType's MSSQL rule) and datetime2 reads
        // SQLAlchemy's DATETIME, so only SQLite and PostgreSQL need more than names.
        if (naming != KegSchemaNaming.KegAuth || provider is not (Sqlite or Npgsql))
        {
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
                    if (provider == Sqlite)
                    {
                        SetConverter(property, SqlAlchemySqliteDateTimeConverter.Instance);
                    }
                    else if (SetConverter(property, NaiveUtcDateTimeConverter.Instance))
                    {
                        property.SetColumnType("timestamp without time zone");
                    }
                }
                else if (provider == Npgsql && IsKegAttemptType(entityType, property))
                {
                    // keg-auth's column is the native enum ka_attempt_types: no string converter, so
                    // Npgsql's enum mapping (UseNpgsql(..., o => o.MapEnum<AttemptType>("ka_attempt_types"))) applies.
                    SetConverter(property, null);
                }
            }
        }
    }

    private static bool IsKegAttemptType(IMutableEntityType entityType, IMutableProperty property)
        => typeof(IKegAttempt).IsAssignableFrom(entityType.ClrType)
            && property.Name == nameof(IKegAttempt.AttemptType)
            && (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(AttemptType);

    private static bool IsKegUtcTimestamp(IMutableEntityType entityType, IMutableProperty property)
        => KegAuthPropertyConversions.All.Any(conversion =>
            conversion.Converter is UtcDateTimeConverter
            && conversion.PropertyName == property.Name
            && conversion.EntityInterface.IsAssignableFrom(entityType.ClrType)
            && (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(DateTime));

    private static bool SetConverter(IMutableProperty property, ValueConverter? converter)
    {
        var source = ((IConventionProperty)property).GetValueConverterConfigurationSource();
        if (source is ConfigurationSource.Explicit or ConfigurationSource.DataAnnotation)
        {
            return false;
        }

        property.SetValueConverter(converter);
        return true;
    }
}

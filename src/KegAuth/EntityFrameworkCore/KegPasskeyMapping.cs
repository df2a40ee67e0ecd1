using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Maps <see cref="KegPasskey"/> for the <see cref="IKegUserPasskeys"/> user of a model: table
/// <c>{ns}_passkeys</c>, required owner column <c>UserId</c> (cascade delete, indexed). The session-key
/// reset finds the owner through that foreign key.
/// </summary>
internal static class KegPasskeyMapping
{
    /// <summary>The owner column's (shadow) property name.</summary>
    public const string OwnerProperty = "UserId";

    /// <summary>Configures the relationship when a user type has passkeys; an explicit mapping of the navigation is left alone.</summary>
    /// <exception cref="InvalidOperationException">Two unrelated user types of the model have passkeys.</exception>
    public static void Configure(ModelBuilder modelBuilder, string? tableNamespace)
    {
        var owners = modelBuilder.Model.GetEntityTypes()
            .Where(type => !type.HasSharedClrType && type.BaseType is null && typeof(IKegUserPasskeys).IsAssignableFrom(type.ClrType))
            .ToList();
        if (owners.Count == 0)
        {
            return;
        }

        if (owners.Count > 1)
        {
            throw new InvalidOperationException(
                $"Passkeys belong to one user type per context, but {string.Join(" and ", owners.Select(o => o.DisplayName()))} both carry [KegUserPasskeys]; remove it from all but one.");
        }

        var owner = owners[0];
        modelBuilder.Entity(owner.ClrType)
            .HasMany(typeof(KegPasskey), nameof(IKegUserPasskeys.Passkeys))
            .WithOne()
            .HasForeignKey(OwnerProperty)
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        var passkey = modelBuilder.Entity<KegPasskey>();
        passkey.ToTable(KegAuthMappingTables.TableName(tableNamespace, "passkeys"));
        passkey.HasIndex(OwnerProperty);
    }

    /// <summary>The owner key of a passkey entry, as the row holds it (the original value for a deleted one).</summary>
    public static IForeignKey OwnerKey(IEntityType passkey) => passkey.GetForeignKeys().Single(fk => fk.Properties[0].Name == OwnerProperty);
}

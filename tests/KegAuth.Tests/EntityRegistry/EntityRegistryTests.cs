using KegAuth.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.Permissions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.EntityRegistry;

/// <summary>
/// The run-time entity registry follows the analyzers' rule (one class per kind; the user is the only
/// one or the registered one) and refuses a model that breaks it instead of picking a class by name.
/// </summary>
public sealed class EntityRegistryTests
{
    [Fact]
    public void Two_permission_classes_in_one_model_are_refused_with_both_named()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new KegDatabase<TwoPermissionsContext>(new SqliteTestDatabase()));

        Assert.Contains("several permission classes", exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Permission).FullName!, exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(ForeignPermission).FullName!, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Among_several_users_the_registered_one_owns_the_permissions_and_its_subclass_counts_as_it()
    {
        using var kit = new KegDatabase<ManyUsersContext>(new SqliteTestDatabase());
        using var db = kit.NewContext();

        var types = KegEntityTypes.Find(db.Model);

        Assert.Equal(typeof(PermUser), types.User?.ClrType);
        Assert.Equal(typeof(Permission), types.Get(KegEntityKind.Permission)?.ClrType);
        Assert.Null(types.Attempt);
        var grants = db.Model.FindEntityType("keg_auth_user_permissions");
        Assert.NotNull(grants);
        Assert.Contains(grants.GetForeignKeys(), fk => fk.PrincipalEntityType.ClrType == typeof(PermUser));

        // The mapping really holds: a grant saved through the registered user reads back.
        var user = new StaffPermUser { Username = "staff", Desk = "3" };
        user.Permissions.Add(new Permission { Token = "reports.view" });
        db.Add(user);
        db.SaveChanges();
        using var read = kit.NewContext();
        Assert.Equal(["reports.view"], read.Set<PermUser>().Where(u => u.Username == "staff").SelectMany(u => u.Permissions).Select(p => p.Token).ToList());
    }

    [Fact]
    public void Several_users_none_registered_leave_the_user_unregistered_and_map_no_grants()
    {
        using var kit = new KegDatabase<UnregisteredUsersContext>(new SqliteTestDatabase());
        using var db = kit.NewContext();

        var types = KegEntityTypes.Find(db.Model);

        Assert.Null(types.User);
        Assert.Equal(typeof(Permission), types.Permission?.ClrType);
        Assert.DoesNotContain(db.Model.GetEntityTypes(), t => t.HasSharedClrType);
    }

    [Fact]
    public void Every_kind_reads_back_through_Get()
    {
        using var kit = new KegDatabase<PermissionContext>(new SqliteTestDatabase());
        using var db = kit.NewContext();

        var types = KegEntityTypes.Find(db.Model);

        Assert.Equal(typeof(PermUser), types.Get(KegEntityKind.User)?.ClrType);
        Assert.Equal(typeof(Permission), types.Get(KegEntityKind.Permission)?.ClrType);
        Assert.Equal(typeof(Bundle), types.Get(KegEntityKind.Bundle)?.ClrType);
        Assert.Equal(typeof(Group), types.Get(KegEntityKind.Group)?.ClrType);
        Assert.Null(types.Get(KegEntityKind.Attempt));
        Assert.Null(types.Get((KegEntityKind)42));
    }
}

using KegAuth.Tests.EntityFrameworkCore;

namespace KegAuth.Tests.Permissions;

/// <summary>A fresh SQLite file with the permission schema; contexts with bcrypt cost 4.</summary>
public sealed class PermissionTestKit : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public PermissionTestKit(string? tableNamespace = KegAuthOptions.DefaultTableNamespace)
    {
        Clock = TestClock.Create();
        Options = TestClock.Options(Clock);
        Options.PasswordWorkFactor = 4;
        Options.TableNamespace = tableNamespace;
        using var schema = _database.CreateSchema<PermissionContext>(Options);
    }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; }

    public KegAuthOptions Options { get; }

    public SqliteTestDatabase Database => _database;

    public PermissionContext Context() => _database.CreateContext<PermissionContext>(Options);

    public void Dispose() => _database.Dispose();
}

using KegAuth.Tests.EntityFrameworkCore.TestEntities;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>keg-auth's IsActive test matrix: enabled × verified × DisabledUtc (none, past, future).</summary>
public static class UserMatrix
{
    public static IEnumerable<DateTime?> DisabledValues(DateTime now) => [null, now.AddMinutes(-5), now.AddMinutes(5)];

    /// <summary>Adds the matrix of both user kinds and saves.</summary>
    public static void Seed(KegTestContext db, DateTime now)
    {
        var i = 0;
        foreach (var enabled in new[] { true, false })
        {
            foreach (var disabled in DisabledValues(now))
            {
                db.Users.Add(new EfUser { Username = $"user{i++}", IsEnabled = enabled, DisabledUtc = disabled });
                foreach (var verified in new[] { true, false })
                {
                    db.EmailUsers.Add(new EfEmailUser { Email = $"User{i++}@Example.com", IsEnabled = enabled, IsVerified = verified, DisabledUtc = disabled });
                }
            }
        }

        db.SaveChanges();
        db.ChangeTracker.Clear();
    }
}

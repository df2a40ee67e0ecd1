using KegAuth.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// The rules KegAuth applies when a context saves, in one pass over the change tracker and only to
/// KegAuth's entities and mapping tables (the application's own entities are its business):
/// <see cref="DisabledDateRule"/>, <see cref="SessionKeyReset"/> and <see cref="ColumnLengthCheck"/>.
/// </summary>
internal static class KegAuthSaveRules
{
    /// <summary>Applies the rules to the context's pending changes.</summary>
    /// <returns>Whether the save changes or deletes a user (the node's session caches must forget what they read).</returns>
    /// <exception cref="KegAuthValueTooLongException">A KegAuth entity holds a value longer than its column.</exception>
    public static async Task<bool> ApplyAsync(DbContext context, bool sync, CancellationToken cancellationToken)
    {
        var options = KegAuthContextOptions.Find(context);
        if (options is null)
        {
            return false;
        }

        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            // The values checked and compared must be the ones saved. Every Entries() call would scan
            // the whole tracker again; one scan is enough, and SaveChanges detects again after us.
            tracker.DetectChanges();
            tracker.AutoDetectChangesEnabled = false;
        }

        try
        {
            var map = KegAuthModelMap.Of(context.Model);
            var reset = new SessionKeyReset(context, map);
            var usersWritten = false;

            // A snapshot: clearing a disabled date changes an entry while we walk.
            foreach (var entry in tracker.Entries().ToList())
            {
                if (!map.Covers(entry.Metadata))
                {
                    continue;
                }

                DisabledDateRule.Apply(entry, options.UtcNow);
                reset.Collect(entry);
                ColumnLengthCheck.Check(entry);
                usersWritten |= IsUserWrite(entry);
            }

            if (reset.HasWork)
            {
                // The users it resets are modified by this save.
                await ResetSessionKeysAsync(reset, options, sync, cancellationToken).ConfigureAwait(false);
                usersWritten = true;
            }

            return usersWritten;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Whether <paramref name="entry"/> changes what a node's session cache holds for a user: a deleted
    /// user, or one with any column changed but the last sign-in time, which every sign-in writes and no
    /// cached decision reads (the PostgreSQL feed's trigger leaves that column out likewise).
    /// </summary>
    private static bool IsUserWrite(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
        => entry.Entity is IKegUser
           && (entry.State == EntityState.Deleted
               || (entry.State == EntityState.Modified
                   && entry.Properties.Any(property => property.IsModified && property.Metadata.Name != nameof(IKegUser.LastLoginUtc))));

    /// <summary>
    /// Resets the session keys the save ends, in a span of its own (the queries that find group and
    /// bundle members nest under it), and counts them. Counted here, before the save: a save that then
    /// fails has still been counted.
    /// </summary>
    private static async Task ResetSessionKeysAsync(SessionKeyReset reset, KegAuthOptions options, bool sync, CancellationToken cancellationToken)
    {
        using var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.SessionKeyReset);
        try
        {
            var count = 0;
            foreach (var user in await reset.ResolveAsync(sync, cancellationToken).ConfigureAwait(false))
            {
                SessionKeyReset.Reset(user);

                // A user loaded for the reset was not in the pass above.
                ColumnLengthCheck.Check(user);
                count++;
            }

            activity?.SetTag("kegauth.session_key.resets", count);
            options.Metrics.SessionRevocations(KegAuthTelemetryValues.RightsChanged, count);
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            throw;
        }
    }
}

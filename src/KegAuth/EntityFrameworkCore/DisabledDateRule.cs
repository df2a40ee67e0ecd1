using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// keg-auth: re-enabling a user whose disabled date has passed clears the date, unless the same save
/// sets it; otherwise the user, enabled again, would still be inactive.
/// </summary>
internal static class DisabledDateRule
{
    /// <summary>Applies the rule to one tracked entry; entries other than modified users are left alone.</summary>
    public static void Apply(EntityEntry entry, DateTime utcNow)
    {
        if (entry.State != EntityState.Modified || entry.Entity is not IKegUser user)
        {
            return;
        }

        var enabled = entry.Property(nameof(IKegUser.IsEnabled));
        var disabledUtc = entry.Property(nameof(IKegUser.DisabledUtc));
        if (enabled.IsModified && user.IsEnabled && enabled.OriginalValue is false
            && user.DisabledUtc <= utcNow && !disabledUtc.IsModified)
        {
            disabledUtc.CurrentValue = null;
        }
    }
}

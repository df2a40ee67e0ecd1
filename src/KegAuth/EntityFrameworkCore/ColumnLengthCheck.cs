using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Installed by UseKegAuth: before SaveChanges writes, refuses a string longer than its column's
/// maximum length on any added or modified entity, naming entity, property and limit (never the
/// value). SQLite would store it silently and PostgreSQL would fail with a message naming neither.
/// </summary>
internal sealed class ColumnLengthCheck : SaveChangesInterceptor
{
    /// <inheritdoc/>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    /// <inheritdoc/>
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Interceptors run before SaveChanges detects changes; the values checked must be the ones saved.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                var metadata = property.Metadata;
                if (metadata.GetMaxLength() is not { } maxLength
                    || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }

                var value = property.CurrentValue;
                if (value is not null && metadata.GetTypeMapping().Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                var length = value switch
                {
                    string text => text.Length,
                    byte[] bytes => bytes.Length,
                    _ => 0,
                };
                if (length > maxLength)
                {
                    throw new KegAuthValueTooLongException(entry.Metadata.DisplayName(), metadata.Name, maxLength, length);
                }
            }
        }
    }
}

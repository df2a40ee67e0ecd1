using KegAuth.AspNetCore.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Permissions;

/// <summary>
/// Synchronises the declared permissions when the app starts, before it serves requests (hosted
/// services start before the server). Several nodes starting at once is safe: the sync retries a
/// lost race. A failure stops the start-up, as a failed migration would.
/// </summary>
internal sealed partial class KegPermissionSyncAtStartup(
    IServiceScopeFactory scopes, KegAuthTypes types, KegDeclaredPermissionSet declared,
    IOptions<KegDeclaredPermissionOptions> options, ILogger<KegPermissionSyncAtStartup> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SyncAtStartup)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(types.Context);
        var result = await KegPermissionSync.SyncAsync(db, declared.Permissions, new KegPermissionSyncOptions { KeepUndeclared = options.Value.KeepUndeclared }, cancellationToken)
            .ConfigureAwait(false);
        if (result.IsUnchanged)
        {
            LogUnchanged(logger, declared.Permissions.Count);
        }
        else
        {
            LogSynchronised(logger, result.Added.Count, result.Updated.Count, result.Removed.Count, result.ToString());
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1601, EventName = "PermissionsUnchanged", Level = LogLevel.Debug, Message = "Declared permissions already in the table ({Count} declared).")]
    private static partial void LogUnchanged(ILogger logger, int count);

    [LoggerMessage(EventId = 1602, EventName = "PermissionsSynchronised", Level = LogLevel.Information, Message = "Declared permissions synchronised: {Added} added, {Updated} updated, {Removed} removed ({Details}).")]
    private static partial void LogSynchronised(ILogger logger, int added, int updated, int removed, string details);
}

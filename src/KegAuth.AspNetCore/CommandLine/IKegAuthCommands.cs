namespace KegAuth.AspNetCore.CommandLine;

/// <summary>The <c>auth</c> commands (edge.md), for the app's own context and user types.</summary>
internal interface IKegAuthCommands
{
    /// <summary><c>auth create-user</c>: creates the user with a random password and prints the verification URL.</summary>
    Task CreateUserAsync(string loginId, bool asSuperuser, bool noMail, CancellationToken cancellationToken);

    /// <summary><c>auth set-password</c>: reads a password, checks it against the policy, stores it.</summary>
    Task SetPasswordAsync(string loginId, CancellationToken cancellationToken);

    /// <summary><c>auth purge-attempts</c>: deletes logged attempts and prints how many.</summary>
    Task PurgeAttemptsAsync(string? username, int? olderThanDays, AttemptType? attemptType, CancellationToken cancellationToken);

    /// <summary><c>auth sync-permissions</c>: synchronises the declared permissions and prints what changed.</summary>
    Task SyncPermissionsAsync(bool dryRun, CancellationToken cancellationToken);

    /// <summary><c>auth grant</c> and <c>auth revoke</c>: gives or takes a permission directly.</summary>
    Task SetGrantAsync(string loginId, string token, bool grant, CancellationToken cancellationToken);

    /// <summary><c>auth install-change-feed</c>: installs the session cache's PostgreSQL trigger, or prints its SQL.</summary>
    Task InstallChangeFeedAsync(bool printOnly, CancellationToken cancellationToken);
}

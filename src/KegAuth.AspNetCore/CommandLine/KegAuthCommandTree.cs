using System.CommandLine;

namespace KegAuth.AspNetCore.CommandLine;

/// <summary>The <c>auth</c> command and its subcommands (edge.md's table), parsed by System.CommandLine.</summary>
internal static class KegAuthCommandTree
{
    /// <summary>The root command; each action asks <paramref name="commands"/> for the work and reports a <see cref="KegCommandException"/> as one line.</summary>
    public static RootCommand Build(Func<IKegAuthCommands> commands, KegCommandConsole console)
    {
        var auth = new Command("auth", "User and authentication commands (keg-auth's flask auth).");
        auth.Subcommands.Add(CreateUser(commands, console));
        auth.Subcommands.Add(SetPassword(commands, console));
        auth.Subcommands.Add(PurgeAttempts(commands, console));
        auth.Subcommands.Add(SyncPermissions(commands, console));
        auth.Subcommands.Add(Grant(commands, console, grant: true));
        auth.Subcommands.Add(Grant(commands, console, grant: false));
        auth.Subcommands.Add(InstallChangeFeed(commands, console));
        var root = new RootCommand("KegAuth commands, run by the application itself.");
        root.Subcommands.Add(auth);
        return root;
    }

    private static Command CreateUser(Func<IKegAuthCommands> commands, KegCommandConsole console)
    {
        var loginId = LoginId();
        var asSuperuser = new Option<bool>("--as-superuser") { Description = "Make the user a superuser (every permission)." };
        var noMail = new Option<bool>("--no-mail") { Description = "Do not send the verification mail; only print the link." };
        var command = new Command("create-user", "Create a user with a random password and print the verification URL.") { loginId, asSuperuser, noMail };
        SetAction(command, console, (result, ct) => commands().CreateUserAsync(result.GetValue(loginId)!, result.GetValue(asSuperuser), result.GetValue(noMail), ct));
        return command;
    }

    private static Command SetPassword(Func<IKegAuthCommands> commands, KegCommandConsole console)
    {
        var loginId = LoginId();
        var command = new Command("set-password", "Set a user's password: typed twice on a terminal, one line from standard input otherwise.") { loginId };
        SetAction(command, console, (result, ct) => commands().SetPasswordAsync(result.GetValue(loginId)!, ct));
        return command;
    }

    private static Command PurgeAttempts(Func<IKegAuthCommands> commands, KegCommandConsole console)
    {
        var username = new Option<string?>("--username", "--user") { Description = "Only attempts with this user input." };
        var olderThan = new Option<int?>("--older-than") { Description = "Only attempts older than this many days." };
        var attemptType = new Option<string?>("--attempt-type", "--type") { Description = "Only attempts of this type." };
        attemptType.AcceptOnlyFromAmong("login", "forgot", "reset");
        var command = new Command("purge-attempts", "Delete logged attempts, optionally filtered by user input, age and type.") { username, olderThan, attemptType };
        SetAction(command, console, (result, ct) => commands().PurgeAttemptsAsync(
            result.GetValue(username), result.GetValue(olderThan), ParseAttemptType(result.GetValue(attemptType)), ct));
        return command;
    }

    private static Command SyncPermissions(Func<IKegAuthCommands> commands, KegCommandConsole console)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print what would change." };
        var command = new Command("sync-permissions", "Synchronise the declared permissions into the permission table.") { dryRun };
        SetAction(command, console, (result, ct) => commands().SyncPermissionsAsync(result.GetValue(dryRun), ct));
        return command;
    }

    private static Command Grant(Func<IKegAuthCommands> commands, KegCommandConsole console, bool grant)
    {
        var loginId = LoginId();
        var token = new Argument<string>("permission-token") { Description = "The permission's token." };
        var command = new Command(grant ? "grant" : "revoke", grant ? "Give a user a permission directly." : "Take a directly granted permission from a user.") { loginId, token };
        SetAction(command, console, (result, ct) => commands().SetGrantAsync(result.GetValue(loginId)!, result.GetValue(token)!, grant, ct));
        return command;
    }

    private static Command InstallChangeFeed(Func<IKegAuthCommands> commands, KegCommandConsole console)
    {
        var print = new Option<bool>("--print") { Description = "Only print the SQL (for a migration or a DBA); change nothing." };
        var command = new Command("install-change-feed", "Install the PostgreSQL trigger that lets each node cache validated sessions (idempotent; nothing to do on SQLite).") { print };
        SetAction(command, console, (result, ct) => commands().InstallChangeFeedAsync(result.GetValue(print), ct));
        return command;
    }

    private static Argument<string> LoginId() => new("loginId") { Description = "The user's login id (username or email)." };

    private static AttemptType? ParseAttemptType(string? value) => value switch
    {
        "login" => AttemptType.Login,
        "forgot" => AttemptType.Forgot,
        "reset" => AttemptType.Reset,
        _ => null,
    };

    // Exit code 0, or 1 with one line on standard error (edge.md); a failure the command did not
    // foresee still gets one line, never a stack trace.
    private static void SetAction(Command command, KegCommandConsole console, Func<ParseResult, CancellationToken, Task> action) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await action(result, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (KegCommandException exception)
            {
                console.Error.WriteLine(exception.Message);
                return 1;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                console.Error.WriteLine($"auth {command.Name} failed: {exception.GetType().Name}: {FirstLine(exception.Message)}");
                return 1;
            }
        });

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}

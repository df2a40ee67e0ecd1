using System.CommandLine;
using KegAuth.AspNetCore.CommandLine;
using KegAuth.AspNetCore.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KegAuth.AspNetCore;

/// <summary>
/// Runs KegAuth's <c>auth</c> commands (keg-auth's <c>flask auth ...</c>) inside the application, so
/// they use its own context, options, password policy and mail sender.
/// </summary>
public static class KegAuthCommandLineExtensions
{
    /// <summary>
    /// Runs the <c>auth</c> command in <paramref name="args"/> and returns its exit code (0, or 1 after
    /// one line on standard error), or returns <see langword="null"/> when <paramref name="args"/> hold no
    /// <c>auth</c> command, so the app goes on to start:
    /// <code>if (await app.RunKegAuthCommandAsync(args) is { } exitCode) return exitCode;</code>
    /// Commands: <c>create-user</c>, <c>set-password</c>, <c>purge-attempts</c>, <c>sync-permissions</c>,
    /// <c>grant</c>, <c>revoke</c>; <c>auth --help</c> lists them.
    /// </summary>
    /// <param name="host">The built app (its services; it is not started).</param>
    /// <param name="args">The process's arguments.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code, or <see langword="null"/> when there is no <c>auth</c> command.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><c>AddKegAuth</c> was not called.</exception>
    public static Task<int?> RunKegAuthCommandAsync(this IHost host, string[] args, CancellationToken cancellationToken = default)
        => RunKegAuthCommandAsync(host, args, KegCommandConsole.System(), cancellationToken);

    /// <summary>As the public overload, reading and writing through <paramref name="console"/>.</summary>
    internal static async Task<int?> RunKegAuthCommandAsync(this IHost host, string[] args, KegCommandConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "auth")
        {
            return null;
        }

        var types = host.Services.GetService<KegAuthTypes>()
            ?? throw new InvalidOperationException("The auth commands need KegAuth's services: call builder.Services.AddKegAuth<TContext, TUser>(...) first.");
        await using var scope = host.Services.CreateAsyncScope();
        IKegAuthCommands Commands() => (IKegAuthCommands)Activator.CreateInstance(
            typeof(KegAuthCommands<,>).MakeGenericType(types.Context, types.User), scope.ServiceProvider, console)!;

        var parsed = KegAuthCommandTree.Build(Commands, console).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, as for every other failure; --help shows the usage.
            console.Error.WriteLine($"{System.Text.RegularExpressions.Regex.Replace(parsed.Errors[0].Message, @"\s+", " ").Trim()} (see: auth --help)");
            return 1;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken).ConfigureAwait(false);
    }
}

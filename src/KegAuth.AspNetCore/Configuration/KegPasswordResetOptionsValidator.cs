using System.Net;
using KegAuth.AspNetCore.PasswordReset;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Configuration;

/// <summary>
/// Names each wrong <see cref="KegPasswordResetOptions"/> setting at start-up, and warns (event 1108)
/// when reset links would travel over plain HTTP to a host other than this machine.
/// </summary>
internal sealed class KegPasswordResetOptionsValidator(ILoggerFactory? loggers = null) : IValidateOptions<KegPasswordResetOptions>
{
    public ValidateOptionsResult Validate(string? name, KegPasswordResetOptions options)
    {
        var errors = options.GetErrors().ToList();
        if (errors.Count > 0)
        {
            return ValidateOptionsResult.Fail(errors);
        }

        if (options.PublicBaseUrl is { Scheme: "http" } url && !IsLoopback(url) && loggers is not null)
        {
            KegPasswordResetLog.LinksOverHttp(loggers.CreateLogger(KegPasswordResetLog.Category), url.Host);
        }

        return ValidateOptionsResult.Success;
    }

    /// <summary>A development address: localhost or a loopback IP, where plain HTTP never leaves the machine.</summary>
    private static bool IsLoopback(Uri url)
        => url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

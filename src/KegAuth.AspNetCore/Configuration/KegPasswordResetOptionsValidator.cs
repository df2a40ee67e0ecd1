using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Configuration;

/// <summary>Names each wrong <see cref="KegPasswordResetOptions"/> setting at start-up.</summary>
internal sealed class KegPasswordResetOptionsValidator : IValidateOptions<KegPasswordResetOptions>
{
    public ValidateOptionsResult Validate(string? name, KegPasswordResetOptions options)
    {
        var errors = options.GetErrors().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

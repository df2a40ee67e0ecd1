namespace KegAuth;

/// <summary>
/// Thrown when <see cref="KegAuthOptions"/> are missing a required setting or hold one out of range.
/// The message names each wrong setting and never contains the secret.
/// </summary>
public sealed class KegAuthOptionsException : Exception
{
    /// <summary>Creates the exception from one message per wrong setting.</summary>
    public KegAuthOptionsException(IReadOnlyList<string> errors)
        : base("Invalid KegAuth options: " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    /// <summary>One message per wrong setting.</summary>
    public IReadOnlyList<string> Errors { get; }
}

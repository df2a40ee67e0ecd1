namespace KegAuth;

/// <summary>
/// Thrown when a password-reset token does not verify for the user it was presented to
/// (keg-auth <c>InvalidToken</c>): malformed, expired, signed for another user or state, or
/// already used. The message never contains the token.
/// </summary>
public class InvalidTokenException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public InvalidTokenException()
        : base("The token is invalid or expired.")
    {
    }

    /// <summary>Creates the exception with a message that must not contain the token.</summary>
    public InvalidTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InvalidTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

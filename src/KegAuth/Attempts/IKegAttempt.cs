namespace KegAuth;

/// <summary>
/// What every <see cref="KegAttemptAttribute"/> class has (keg-auth <c>AttemptMixin</c>). The
/// generator implements it; <see cref="KegAttempts"/> works over any attempt type through it.
/// </summary>
public interface IKegAttempt
{
    /// <summary>What the user typed as the login id (at most 512 characters).</summary>
    string UserInput { get; set; }

    /// <summary>When the attempt was made, in UTC.</summary>
    DateTime DatetimeUtc { get; set; }

    /// <summary>Login, forgot-password or reset; stored as <c>"login"</c>, <c>"forgot"</c>, <c>"reset"</c>.</summary>
    AttemptType? AttemptType { get; set; }

    /// <summary>Whether the attempt was made while the user was locked out; such attempts never count toward a lockout.</summary>
    bool IsDuringLockout { get; set; }

    /// <summary>Whether the attempt succeeded. Only failed logins count toward a login lockout.</summary>
    bool Success { get; set; }

    /// <summary>The client's IP address (at most 50 characters), when known.</summary>
    string? SourceIp { get; set; }
}

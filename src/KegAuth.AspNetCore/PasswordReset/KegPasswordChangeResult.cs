namespace KegAuth.AspNetCore;

/// <summary>The outcome of a reset or verification, with the policy's problems when the new password was refused.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Problems">With <see cref="KegResetPasswordStatus.PasswordRejected"/>, every problem the password policy found; otherwise empty.</param>
public sealed record KegResetPasswordResult(KegResetPasswordStatus Status, IReadOnlyList<KegPasswordProblem> Problems)
{
    /// <summary>A result without problems.</summary>
    public static implicit operator KegResetPasswordResult(KegResetPasswordStatus status) => new(status, []);

    /// <summary>Whether the password was set.</summary>
    public bool Succeeded => Status == KegResetPasswordStatus.Succeeded;
}

/// <summary>The outcome of <see cref="IKegSignIn{TUser}.ChangePasswordAsync"/>, with the policy's problems when the new password was refused.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Problems">With <see cref="KegChangePasswordStatus.PasswordRejected"/>, every problem the password policy found; otherwise empty.</param>
public sealed record KegChangePasswordResult(KegChangePasswordStatus Status, IReadOnlyList<KegPasswordProblem> Problems)
{
    /// <summary>A result without problems.</summary>
    public static implicit operator KegChangePasswordResult(KegChangePasswordStatus status) => new(status, []);

    /// <summary>Whether the password was changed.</summary>
    public bool Succeeded => Status == KegChangePasswordStatus.Succeeded;
}

namespace KegAuth.AspNetCore;

/// <summary>The outcome of <see cref="IKegSignIn{TUser}.CheckPasswordAsync"/> or <see cref="IKegSignIn{TUser}.PasswordSignInAsync"/>.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
/// <param name="Status">What happened.</param>
/// <param name="User">The signed-in user when <see cref="KegSignInStatus.Succeeded"/>; otherwise <see langword="null"/>.</param>
/// <param name="LockedOutUntilUtc">When <see cref="KegSignInStatus.LockedOut"/>, the last instant of the lockout (UTC).</param>
public sealed record KegSignInResult<TUser>(KegSignInStatus Status, TUser? User = null, DateTime? LockedOutUntilUtc = null)
    where TUser : class, IKegUser
{
    /// <summary>Whether the sign-in succeeded.</summary>
    public bool Succeeded => Status == KegSignInStatus.Succeeded;
}

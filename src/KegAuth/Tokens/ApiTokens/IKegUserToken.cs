namespace KegAuth;

/// <summary>What a <see cref="KegUserTokenAttribute"/> user adds: a hashed API token.</summary>
public interface IKegUserToken : IKegUser
{
    /// <summary>The hash of the user's API token; <see langword="null"/> when none was issued.</summary>
    PasswordHash? Token { get; set; }

    /// <summary>Whether <paramref name="token"/> is the user's raw API token. False on any bad input; never throws.</summary>
    bool VerifyToken(string? token);
}

namespace KegAuth;

/// <summary>What a <see cref="KegUserTotpAttribute"/> user adds: the columns of an authenticator-app second factor.</summary>
public interface IKegUserTotp : IKegUser
{
    /// <summary>The shared secret, encrypted (<see cref="IKegTotpSecretProtector"/>); <see langword="null"/> before enrolment.</summary>
    string? TotpSecret { get; set; }

    /// <summary>Whether sign-in asks for a code: set once the first code from the app was confirmed.</summary>
    bool TotpEnabled { get; set; }

    /// <summary>The time step of the last code accepted; that code and older ones are refused.</summary>
    long? TotpLastStep { get; set; }

    /// <summary>The unused recovery codes' hashes (<see cref="KegRecoveryCodes"/>), or <see langword="null"/>.</summary>
    string? TotpRecoveryCodes { get; set; }
}

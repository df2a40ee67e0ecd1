namespace KegAuth.EntityFrameworkCore;

/// <summary>Which of a user's static rule expressions to inline.</summary>
internal enum KegUserRule
{
    /// <summary><see cref="IKegUser{TSelf}.IsActiveExpression"/>.</summary>
    IsActive,

    /// <summary><see cref="IKegUser{TSelf}.IsDisabledByDateExpression"/>.</summary>
    IsDisabledByDate,
}

namespace KegAuth.Generators.Models;

/// <summary>
/// What a user's <c>[KegUserEmail]</c>, <c>[KegUserToken]</c> or <c>[KegUserTotp]</c> file needs: the class and its login
/// column, not the key, so a key change re-emits only the <c>[KegUser]</c> file.
/// </summary>
/// <param name="Type">The class.</param>
/// <param name="HasEmail">Whether the login id is the email (documentation names the column).</param>
internal sealed record UserMixinModel(EntityTypeModel Type, bool HasEmail)
{
    /// <summary>The slice of <paramref name="user"/>.</summary>
    public static UserMixinModel From(UserModel user) => new(user.Type, user.HasEmail);
}

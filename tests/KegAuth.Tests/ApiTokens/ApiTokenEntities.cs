namespace KegAuth.Tests.ApiTokens;

/// <summary>A username user with API tokens: looked up by <c>Username</c>.</summary>
[KegUser, KegUserToken]
public partial class TokenUser
{
    public int Id { get; set; }
}

/// <summary>An email user with API tokens, as keg-auth's: looked up by <c>Email</c>.</summary>
[KegUser, KegUserEmail, KegUserToken]
public partial class TokenEmailUser
{
    public long Id { get; set; }
}

using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>Issue 13 item 15: a fast API-token hash is never accepted as a password hash.</summary>
public sealed class VerifyPasswordTests
{
    [Fact]
    public void A_fast_token_hash_in_the_password_column_does_not_verify_as_a_password()
    {
        var user = new EfUser { Username = "u", Password = PasswordHash.CreateForToken("weak") };

        Assert.True(user.Password.Verify("weak"));
        Assert.False(user.Password.VerifyPassword("weak"));
    }

    [Fact]
    public void Bcrypt_and_pbkdf2_passwords_verify()
    {
        var bcrypt = PasswordHash.Create("correct horse", 4);
        var pbkdf2 = PasswordHash.FromHash( // keg-auth vector: "hunter2"
            "$pbkdf2-sha256$1001$WQuBcE6JUSqltNb6PweA0A$1bop82p.eYTxMNFmoYBUb6kquz/eH3xfXuYfw8Egeag");

        Assert.True(bcrypt.VerifyPassword("correct horse"));
        Assert.False(bcrypt.VerifyPassword("wrong"));
        Assert.False(bcrypt.VerifyPassword(null));
        Assert.True(pbkdf2.VerifyPassword("hunter2"));
        Assert.False(pbkdf2.VerifyPassword("wrong"));
    }
}

using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Xunit;

namespace KegAuth.Tests.FailCleanly;

/// <summary>
/// Passwords over bcrypt's 72 UTF-8 bytes: by default only the first 72 bytes count, as in keg-auth
/// and passlib (documented on PasswordHash.Create); RejectPasswordsOverBcryptLimit refuses them for
/// new hashes with an ArgumentException naming the limit, never the password.
/// </summary>
public sealed class PasswordLengthTests
{
    private static readonly string Bytes72 = new('a', 72);

    [Fact]
    public void By_default_only_the_first_72_bytes_count()
    {
        var user = new EfUser { Username = "u" };
        user.SetPassword(Bytes72 + "tail-one", Options(reject: false));

        Assert.True(user.Password!.Verify(Bytes72));
        Assert.True(user.Password.Verify(Bytes72 + "tail-two"));
    }

    [Theory]
    [InlineData(72, 1, true)] // 72 ASCII bytes
    [InlineData(73, 1, false)]
    [InlineData(24, 3, true)] // 24 x "€" = 72 bytes
    [InlineData(25, 3, false)] // 25 x "€" = 75 bytes, 25 characters
    public void The_opt_in_counts_utf8_bytes(int count, int bytesPerChar, bool accepted)
    {
        var password = new string(bytesPerChar == 1 ? 'p' : '€', count);
        var user = new EfUser { Username = "u" };

        if (accepted)
        {
            user.SetPassword(password, Options(reject: true));
            Assert.True(user.Password!.Verify(password));
            return;
        }

        var error = Assert.Throws<ArgumentException>(() => user.SetPassword(password, Options(reject: true)));
        Assert.Equal("plain", error.ParamName);
        Assert.Contains("72", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        Assert.Null(user.Password);
    }

    private static KegAuthOptions Options(bool reject)
    {
        var options = TestClock.Options(TestClock.Create());
        options.PasswordWorkFactor = 4;
        options.RejectPasswordsOverBcryptLimit = reject;
        return options;
    }
}

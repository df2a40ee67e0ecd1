using System.Reflection;
using KegAuth.Infrastructure;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Xunit;

namespace KegAuth.Tests.FailCleanly;

/// <summary>ToString of the public types, and the messages of the exceptions the library throws, never hold a secret, raw token or hash.</summary>
public sealed class SecretsInMessagesTests
{
    private const string Secret = "s3cret-Marker-Value-long-enough-for-a-key";

    [Fact]
    public void ToString_of_every_constructible_public_type_never_shows_a_string_it_was_given()
    {
        var checkedTypes = 0;
        foreach (var type in typeof(PasswordHash).Assembly.GetExportedTypes()
                     .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && !typeof(Exception).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.PropertyType == typeof(string)))
            {
                property.SetValue(instance, Secret);
            }

            Assert.DoesNotContain(Secret, instance.ToString() ?? string.Empty, StringComparison.Ordinal);
            checkedTypes++;
        }

        Assert.True(checkedTypes > 0);
    }

    [Fact]
    public void A_user_with_a_password_and_session_key_does_not_show_them()
    {
        var user = new EfUser { Username = "u", SessionKey = Secret };
        user.SetPassword(Secret, Options());
        Assert.DoesNotContain(Secret, user.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(user.Password!.Hash, user.Password.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Exceptions_the_library_throws_do_not_repeat_their_input()
    {
        var options = Options();
        var user = new EfUser { Username = "u" };
        user.SetPassword("old-password", options);
        var hash = user.Password!.Hash;
        var token = user.TokenGenerate(options);

        var messages = new[]
        {
            Assert.ThrowsAny<Exception>(() => PasswordHash.FromHash(Secret + "$2b$")).Message,
            Assert.ThrowsAny<Exception>(() => PasswordHash.FromHash(hash[..^1])).Message,
            Assert.ThrowsAny<Exception>(() => PasswordHash.Create(Secret + "\ud800", 4)).Message,
            Assert.ThrowsAny<Exception>(() => PasswordHash.CreateForToken(Secret + "\udc00")).Message,
            Assert.ThrowsAny<Exception>(() => user.ChangePassword(token + "x", Secret, options)).Message,
            Assert.ThrowsAny<Exception>(() => user.ChangePassword(Secret, Secret, options)).Message,
            Assert.ThrowsAny<Exception>(() => KegApiTokens.Format("u", Secret + "." + Secret)).Message,
            Assert.ThrowsAny<Exception>(() => new KegAuthOptions { SecretKey = Secret, PasswordWorkFactor = 0 }.Validate()).Message,
            Assert.ThrowsAny<Exception>(() => KegResetTokens.Generate(KegTokenUserId.FromInt64(1), Secret, new KegAuthOptions())).Message,
        };

        foreach (var message in messages)
        {
            Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
            Assert.DoesNotContain(hash[7..], message, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[2], message, StringComparison.Ordinal);
        }
    }

    private static KegAuthOptions Options()
    {
        var options = TestClock.Options(TestClock.Create());
        options.SecretKey = Secret;
        options.PasswordWorkFactor = 4;
        return options;
    }
}

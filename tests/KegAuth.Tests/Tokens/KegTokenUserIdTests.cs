using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.Tokens;

public sealed class KegTokenUserIdTests
{
    [Fact]
    public void Equality_needs_the_same_kind_and_value()
    {
        Assert.Equal(KegTokenUserId.FromInt64(5), KegTokenUserId.FromInt64(5));
        Assert.Equal(KegTokenUserId.FromString("a"), KegTokenUserId.FromString("a"));
        Assert.NotEqual(KegTokenUserId.FromInt64(5), KegTokenUserId.FromString("5"));
        Assert.NotEqual(KegTokenUserId.FromString("a"), KegTokenUserId.FromString("A"));
        Assert.True(KegTokenUserId.FromInt64(5) == KegTokenUserId.FromInt64(5));
        Assert.True(KegTokenUserId.FromInt64(5) != KegTokenUserId.FromInt64(6));
        Assert.Equal(KegTokenUserId.FromString("a").GetHashCode(), KegTokenUserId.FromString("a").GetHashCode());
        Assert.Equal(KegTokenUserId.FromInt64(0), default);
    }

    [Fact]
    public void Kind_and_text_are_visible()
    {
        Assert.False(KegTokenUserId.FromInt64(5).IsString);
        Assert.True(KegTokenUserId.FromString("5").IsString);
        Assert.Equal("5", KegTokenUserId.FromInt64(5).ToString());
        Assert.Equal("\"5\"", KegTokenUserId.FromString("5").ToString());
    }

    [Fact]
    public void Null_string_id_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => KegTokenUserId.FromString(null!));
    }
}

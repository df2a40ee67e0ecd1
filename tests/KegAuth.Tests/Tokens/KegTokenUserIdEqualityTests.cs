using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.Tokens;

/// <summary>Equality of user ids in both directions, through every entry point.</summary>
public sealed class KegTokenUserIdEqualityTests
{
    [Fact]
    public void A_string_id_never_equals_an_integer_id_either_way_round()
    {
        var text = KegTokenUserId.FromString("5");
        var number = KegTokenUserId.FromInt64(5);
        Assert.False(text.Equals(number));
        Assert.False(number.Equals(text));
        Assert.False(text == number);
        Assert.True(text != number);
        Assert.False(KegTokenUserId.FromString("0").Equals(default));
    }

    [Fact]
    public void Equals_object_needs_a_user_id_of_the_same_value()
    {
        Assert.True(KegTokenUserId.FromInt64(7).Equals((object)KegTokenUserId.FromInt64(7)));
        Assert.False(KegTokenUserId.FromInt64(7).Equals((object)KegTokenUserId.FromInt64(8)));
        Assert.False(KegTokenUserId.FromInt64(7).Equals((object)7L));
        Assert.False(KegTokenUserId.FromString("a").Equals((object)"a"));
        Assert.False(KegTokenUserId.FromString("a").Equals(null));
    }

    [Fact]
    public void Equal_ids_hash_alike_for_both_kinds()
    {
        Assert.Equal(KegTokenUserId.FromInt64(long.MaxValue).GetHashCode(), KegTokenUserId.FromInt64(long.MaxValue).GetHashCode());
        Assert.Equal(KegTokenUserId.FromString(new string('b', 3)).GetHashCode(), KegTokenUserId.FromString("bbb").GetHashCode());
        Assert.Equal(KegTokenUserId.FromInt64(-3).ToString(), (-3L).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void FromString_names_its_parameter()
    {
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => KegTokenUserId.FromString(null!)).ParamName);
    }
}

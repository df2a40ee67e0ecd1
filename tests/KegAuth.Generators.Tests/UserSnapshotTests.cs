using KegAuth.Generators.Tests.Infrastructure;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>The exact source generated for each kind of user, and that it compiles without warnings.</summary>
public class UserSnapshotTests
{
    [Theory]
    [InlineData("PlainUser", """
        using KegAuth;
        namespace Sample;
        [KegUser]
        public partial class User { public int Id { get; set; } }
        """)]
    [InlineData("EmailUser", """
        using KegAuth;
        namespace Sample;
        [KegUser, KegUserEmail]
        public partial class User { public long Id { get; set; } }
        """)]
    [InlineData("TotpUser", """
        using KegAuth;
        namespace Sample;
        [KegUser, KegUserEmail, KegUserTotp]
        public partial class User { public int Id { get; set; } }
        """)]
    [InlineData("PasskeysUser", """
        using KegAuth;
        namespace Sample;
        [KegUser, KegUserPasskeys]
        public partial class User { public long Id { get; set; } }
        """)]
    [InlineData("GuidKeyUser", """
        using System;
        using KegAuth;
        namespace Sample;
        [KegUser]
        public partial class Account { public Guid Id { get; set; } }
        """)]
    [InlineData("StringKeyUser", """
        using System.ComponentModel.DataAnnotations;
        using KegAuth;
        namespace Sample;
        [KegUser, KegUserEmail]
        public partial class Member { [Key] public string Code { get; set; } = ""; }
        """)]
    [InlineData("NestedNamespaceUser", """
        namespace Company.Product.Data.Entities
        {
            [KegAuth.KegUser]
            internal partial class Operator { public int Id { get; set; } }
        }
        """)]
    [InlineData("NestedClassUser", """
        namespace Sample;
        public static partial class Entities
        {
            [KegAuth.KegUser]
            public partial class User { public int Id { get; set; } }
        }
        """)]
    [InlineData("GlobalNamespaceUser", """
        [KegAuth.KegUser]
        public partial class User { public int Id { get; set; } }
        """)]
    public void Generated_source_matches_snapshot_and_compiles_cleanly(string caseName, string source) =>
        Snapshot.VerifyGeneratedAndClean(caseName, source);
}

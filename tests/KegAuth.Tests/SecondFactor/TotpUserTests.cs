using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.SecondFactor;

/// <summary>
/// The generated <c>[KegUserTotp]</c> members on a real database: enrolment stores only ciphertext,
/// confirmation turns the factor on and ends other sessions, a code works once (also after a reload),
/// recovery codes are one-use, disabling forgets everything.
/// </summary>
public abstract class TotpUserTests(Func<TestDatabase> newDatabase)
{
    [Fact]
    public void Enrol_confirm_verify_once_and_the_columns_round_trip()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = kit.Save(new TotpUser { Email = "ada@example.com" });
        var sessionKey = user.SessionKey;

        var enrollment = user.BeginTotpEnrollment("Keg App", kit.Options);
        Assert.False(user.TotpEnabled);
        Assert.StartsWith("otpauth://totp/Keg%20App:ada%40example.com?secret=" + enrollment.Secret + "&", enrollment.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain(enrollment.Secret, user.TotpSecret!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(enrollment.Secret, enrollment.ToString(), StringComparison.Ordinal);
        Assert.True(KegTotp.TryDecodeSecret(enrollment.Secret, out var secret));
        Assert.False(user.VerifyTotp(CodeNow(kit, secret), kit.Options)); // not on before confirmation

        Assert.False(user.ConfirmTotp("000000" == CodeNow(kit, secret) ? "111111" : "000000", kit.Options));
        Assert.True(user.ConfirmTotp(CodeNow(kit, secret), kit.Options));
        Assert.True(user.TotpEnabled);
        Assert.NotEqual(sessionKey, user.SessionKey);
        Update(kit, user);

        // The confirming code was recorded: the same code does not sign in; the next step's does, once, also after a reload.
        var reloaded = Reload(kit, user);
        Assert.Equal(user.TotpSecret, reloaded.TotpSecret);
        Assert.False(reloaded.VerifyTotp(CodeNow(kit, secret), kit.Options));
        kit.Clock.Advance(KegTotp.Period);
        var next = CodeNow(kit, secret);
        Assert.True(reloaded.VerifyTotp(next, kit.Options));
        Update(kit, reloaded);
        Assert.False(Reload(kit, user).VerifyTotp(next, kit.Options));
    }

    [Fact]
    public void Recovery_codes_are_stored_hashed_and_work_once()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = Enrolled(kit, out _);
        var codes = user.GenerateRecoveryCodes(3);
        Assert.All(codes, code => Assert.DoesNotContain(code, user.TotpRecoveryCodes!, StringComparison.OrdinalIgnoreCase));
        Update(kit, user);

        var reloaded = Reload(kit, user);
        Assert.Equal(3, reloaded.RecoveryCodesLeft);
        Assert.True(reloaded.RedeemRecoveryCode(codes[1].ToUpperInvariant()));
        Update(kit, reloaded);
        var again = Reload(kit, user);
        Assert.False(again.RedeemRecoveryCode(codes[1]));
        Assert.Equal(2, again.RecoveryCodesLeft);
        Assert.True(again.RedeemRecoveryCode(codes[0]));
    }

    [Fact]
    public void Disabling_forgets_the_secret_and_codes_and_ends_other_sessions()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = Enrolled(kit, out var secret);
        user.GenerateRecoveryCodes();
        var sessionKey = user.SessionKey;

        user.DisableTotp();
        Update(kit, user);

        var reloaded = Reload(kit, user);
        Assert.False(reloaded.TotpEnabled);
        Assert.Null(reloaded.TotpSecret);
        Assert.Null(reloaded.TotpLastStep);
        Assert.Null(reloaded.TotpRecoveryCodes);
        Assert.NotEqual(sessionKey, reloaded.SessionKey);
        Assert.False(reloaded.VerifyTotp(CodeNow(kit, secret), kit.Options));
        Assert.Throws<InvalidOperationException>(() => reloaded.GenerateRecoveryCodes());
    }

    [Fact]
    public void A_secret_from_another_secret_key_or_tampered_verifies_nothing()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = Enrolled(kit, out var secret);
        kit.Clock.Advance(KegTotp.Period);
        var code = CodeNow(kit, secret);

        var otherKey = TestClock.Options(kit.Clock);
        otherKey.SecretKey = kit.Options.SecretKey + "-rotated";
        Assert.False(user.VerifyTotp(code, otherKey));

        var stored = user.TotpSecret!;
        user.TotpSecret = stored[..^2] + (stored[^2] == 'A' ? "B" : "A") + stored[^1];
        Assert.False(user.VerifyTotp(code, kit.Options));
        user.TotpSecret = "not a protected secret";
        Assert.False(user.VerifyTotp(code, kit.Options));
        user.TotpSecret = stored;
        Assert.True(user.VerifyTotp(code, kit.Options));
    }

    [Fact]
    public void Enrolling_again_while_on_is_refused_and_a_pending_secret_is_replaced()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = kit.Save(new TotpUser { Email = "bob@example.com" });
        var first = user.BeginTotpEnrollment("Keg", kit.Options);
        var second = user.BeginTotpEnrollment("Keg", kit.Options);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.True(KegTotp.TryDecodeSecret(first.Secret, out var stale));
        Assert.False(user.ConfirmTotp(CodeNow(kit, stale), kit.Options));

        Assert.True(KegTotp.TryDecodeSecret(second.Secret, out var current));
        Assert.True(user.ConfirmTotp(CodeNow(kit, current), kit.Options));
        Assert.False(user.ConfirmTotp(CodeNow(kit, current), kit.Options));
        Assert.Throws<InvalidOperationException>(() => user.BeginTotpEnrollment("Keg", kit.Options));
    }

    [Fact]
    public async Task The_same_code_raced_by_parallel_sign_ins_succeeds_once()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = Enrolled(kit, out var secret);
        kit.Clock.Advance(KegTotp.Period);
        var code = CodeNow(kit, secret);

        // Each sign-in reads the user in its own context, as separate requests (or nodes) do.
        var attempts = Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var db = kit.NewContext();
            var copy = db.Users.Single(u => u.Id == user.Id);
            return await Infrastructure.KegUserTotpSupport.VerifyOnceAsync(db.Users, copy, code, kit.Options);
        }).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, accepted => accepted);
        var stored = Reload(kit, user);
        Assert.Equal(KegTotp.StepAt(kit.Clock.GetUtcNow()), stored.TotpLastStep);
        await using var later = kit.NewContext();
        Assert.False(await Infrastructure.KegUserTotpSupport.VerifyOnceAsync(later.Users, later.Users.Single(u => u.Id == user.Id), code, kit.Options));
    }

    [Fact]
    public async Task A_recovery_code_raced_by_parallel_sign_ins_is_used_once_and_the_others_stay()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = Enrolled(kit, out _);
        var codes = user.GenerateRecoveryCodes(4);
        Update(kit, user);

        var attempts = Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var db = kit.NewContext();
            var copy = db.Users.Single(u => u.Id == user.Id);
            return await Infrastructure.KegUserTotpSupport.RedeemRecoveryCodeOnceAsync(db.Users, copy, codes[2]);
        }).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, redeemed => redeemed);
        var stored = Reload(kit, user);
        Assert.Equal(3, stored.RecoveryCodesLeft);
        Assert.False(stored.RedeemRecoveryCode(codes[2]));
        Assert.True(stored.RedeemRecoveryCode(codes[3]));
    }

    [Fact]
    public async Task A_sign_in_racing_a_disable_does_not_pass()
    {
        using var kit = new KegDatabase<TotpContext>(newDatabase());
        var user = Enrolled(kit, out var secret);
        kit.Clock.Advance(KegTotp.Period);
        await using var signIn = kit.NewContext();
        var stale = signIn.Users.Single(u => u.Id == user.Id);

        var current = Reload(kit, user);
        current.DisableTotp();
        Update(kit, current);

        Assert.False(await Infrastructure.KegUserTotpSupport.VerifyOnceAsync(signIn.Users, stale, CodeNow(kit, secret), kit.Options));
        Assert.Throws<ArgumentException>(() => Infrastructure.KegUserTotpSupport.VerifyOnceAsync(new[] { stale }.AsQueryable(), stale, "123456", kit.Options).GetAwaiter().GetResult());
    }

    private static TotpUser Enrolled(KegDatabase<TotpContext> kit, out byte[] secret)
    {
        var user = kit.Save(new TotpUser { Email = "eve@example.com" });
        Assert.True(KegTotp.TryDecodeSecret(user.BeginTotpEnrollment("Keg", kit.Options).Secret, out secret));
        Assert.True(user.ConfirmTotp(CodeNow(kit, secret), kit.Options));
        Update(kit, user);
        return user;
    }

    private static string CodeNow(KegDatabase<TotpContext> kit, byte[] secret) => KegTotp.Compute(secret, KegTotp.StepAt(kit.Clock.GetUtcNow()));

    private static void Update(KegDatabase<TotpContext> kit, TotpUser user)
    {
        using var db = kit.NewContext();
        db.Update(user);
        db.SaveChanges();
    }

    private static TotpUser Reload(KegDatabase<TotpContext> kit, TotpUser user)
    {
        using var db = kit.NewContext();
        return db.Users.Single(u => u.Id == user.Id);
    }
}

/// <summary><see cref="TotpUserTests"/> on SQLite.</summary>
public sealed class TotpUserTestsOnSqlite() : TotpUserTests(() => new SqliteTestDatabase());

/// <summary><see cref="TotpUserTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TotpUserTestsOnPostgres(PostgresFixture postgres) : TotpUserTests(postgres.NewDatabase);

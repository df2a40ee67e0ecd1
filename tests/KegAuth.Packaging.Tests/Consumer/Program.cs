using Consumer;
using KegAuth;
using Microsoft.EntityFrameworkCore;

var options = new KegAuthOptions { SecretKey = "consumer-test-secret-of-at-least-32-characters", PasswordWorkFactor = 4 };
var path = Path.Combine(Directory.GetCurrentDirectory(), "consumer.db");
File.Delete(path);

await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
    .UseSqlite($"Data Source={path};Pooling=false")
    .UseKegAuth(options)
    .Options))
{
    await db.Database.EnsureCreatedAsync();
    var user = new User { Email = "Ada@Example.com", IsVerified = true };
    user.SetPassword("correct horse battery staple", options);
    db.Users.Add(user);
    await db.SaveChangesAsync();
}

await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
    .UseSqlite($"Data Source={path};Pooling=false")
    .UseKegAuth(options)
    .Options))
{
    var active = await db.Users.Where(u => u.IsActive).ToListAsync();
    var ada = active.Single();
    var token = ada.TokenGenerate(options);
    Console.WriteLine(
        $"KEGAUTH-CONSUMER-OK active={active.Count} email={ada.Email} " +
        $"password={ada.Password!.Verify("correct horse battery staple")} " +
        $"token={ada.TokenVerify(token, options)} forged={ada.TokenVerify(token + "x", options)} " +
        $"db={File.Exists(path)}");
}

using System.Globalization;
using KegAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth;

/// <summary>Turns KegAuth on for a <see cref="DbContext"/>.</summary>
public static class KegAuthDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Turns on KegAuth for this context: value converters for <see cref="PasswordHash"/> columns, UTC
    /// dates and lowercased emails, and SQL translation of <c>IsActive</c>, <c>IsDisabledByDate</c> and
    /// <c>IsActiveAt</c> with "now" read from <see cref="KegAuthOptions.TimeProvider"/> each time a
    /// query runs. Call it after the database provider (<c>UseSqlite</c>, <c>UseNpgsql</c>,
    /// <c>UseSqlServer</c>). With <see cref="KegAuthOptions.SchemaNaming"/> set to
    /// <see cref="KegSchemaNaming.KegAuth"/> it also turns on EFCore.NamingConventions' snake_case
    /// names for the whole context, to open a Python keg-auth database in place.
    /// </summary>
    /// <param name="builder">The options builder.</param>
    /// <param name="options">The KegAuth settings; validated here and read by each context built from these options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KegAuthOptionsException">The options are invalid; the message names each wrong setting.</exception>
    /// <exception cref="InvalidOperationException">No database provider has been configured on <paramref name="builder"/> yet.</exception>
    public static DbContextOptionsBuilder UseKegAuth(this DbContextOptionsBuilder builder, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Checked here as well as when services are built: a cached service provider from a
        // correctly ordered context would otherwise hide the mistake until the cache is cold.
        if (!builder.Options.Extensions.Any(extension => extension.Info.IsDatabaseProvider))
        {
            throw new InvalidOperationException(QueryPreprocessorDecoration.MissingProviderMessage);
        }

        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new KegAuthOptionsExtension(options));
        if (options.SchemaNaming == KegSchemaNaming.KegAuth)
        {
            // keg-auth's tables are SQLAlchemy's snake_case; invariant culture so names never depend on the machine.
            builder.UseSnakeCaseNamingConvention(CultureInfo.InvariantCulture);
        }

        return builder;
    }

    /// <summary>
    /// Turns on KegAuth for this context with new <see cref="KegAuthOptions"/> set by
    /// <paramref name="configure"/>; see <see cref="UseKegAuth(DbContextOptionsBuilder, KegAuthOptions)"/>.
    /// </summary>
    /// <param name="builder">The options builder.</param>
    /// <param name="configure">Sets the options (at least <see cref="KegAuthOptions.SecretKey"/>).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KegAuthOptionsException">The options are invalid; the message names each wrong setting.</exception>
    /// <exception cref="InvalidOperationException">No database provider has been configured on <paramref name="builder"/> yet.</exception>
    public static DbContextOptionsBuilder UseKegAuth(this DbContextOptionsBuilder builder, Action<KegAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new KegAuthOptions();
        configure(options);
        return builder.UseKegAuth(options);
    }

    /// <summary>
    /// Turns on KegAuth for this context; see <see cref="UseKegAuth(DbContextOptionsBuilder, KegAuthOptions)"/>.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The options builder.</param>
    /// <param name="options">The KegAuth settings; validated here.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KegAuthOptionsException">The options are invalid; the message names each wrong setting.</exception>
    /// <exception cref="InvalidOperationException">No database provider has been configured on <paramref name="builder"/> yet.</exception>
    public static DbContextOptionsBuilder<TContext> UseKegAuth<TContext>(this DbContextOptionsBuilder<TContext> builder, KegAuthOptions options)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)((DbContextOptionsBuilder)builder).UseKegAuth(options);

    /// <summary>
    /// Turns on KegAuth for this context with new <see cref="KegAuthOptions"/> set by
    /// <paramref name="configure"/>; see <see cref="UseKegAuth(DbContextOptionsBuilder, KegAuthOptions)"/>.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The options builder.</param>
    /// <param name="configure">Sets the options (at least <see cref="KegAuthOptions.SecretKey"/>).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KegAuthOptionsException">The options are invalid; the message names each wrong setting.</exception>
    /// <exception cref="InvalidOperationException">No database provider has been configured on <paramref name="builder"/> yet.</exception>
    public static DbContextOptionsBuilder<TContext> UseKegAuth<TContext>(this DbContextOptionsBuilder<TContext> builder, Action<KegAuthOptions> configure)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)((DbContextOptionsBuilder)builder).UseKegAuth(configure);
}

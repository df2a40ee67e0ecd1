using System.Reflection;
using KegAuth.EntityFrameworkCore;
using KegAuth.Reflection;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.CommandLine;

/// <summary>The app's KegAuth classes, found in its context's model, and calls into generic methods over them.</summary>
internal static class KegModelTypes
{
    /// <summary>The class of <paramref name="kind"/> that <paramref name="db"/>'s model maps (the run-time entity registry's rule), or <see langword="null"/>.</summary>
    public static Type? Find(DbContext db, KegEntityKind kind) => KegEntityTypes.Find(db.Model).Get(kind)?.ClrType;

    /// <summary>Calls a generic method made for a model class, and rethrows what it throws as itself.</summary>
    public static Task<T> InvokeAsync<T>(MethodInfo method, object? target, params object?[] arguments)
        => GenericInvoke.Call<Task<T>>(method, target, arguments);
}

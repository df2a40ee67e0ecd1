using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.CommandLine;

/// <summary>The app's KegAuth classes, found in its context's model, and calls into generic methods over them.</summary>
internal static class KegModelTypes
{
    /// <summary>The root class of <paramref name="db"/>'s model that implements <paramref name="kind"/>, or <see langword="null"/>.</summary>
    public static Type? Find(DbContext db, Type kind) =>
        db.Model.GetEntityTypes()
            .Where(t => !t.HasSharedClrType && kind.IsAssignableFrom(t.ClrType) && (t.BaseType is null || !kind.IsAssignableFrom(t.BaseType.ClrType)))
            .Select(t => t.ClrType)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Calls a generic method made for a model class, and rethrows what it throws as itself.</summary>
    public static async Task<T> InvokeAsync<T>(MethodInfo method, object? target, params object?[] arguments)
    {
        Task<T> task;
        try
        {
            task = (Task<T>)method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }

        return await task.ConfigureAwait(false);
    }
}

using System.Reflection;
using System.Runtime.ExceptionServices;

namespace KegAuth.Reflection;

/// <summary>Calls a generic method closed over a model class found at run time, so that what it throws surfaces as itself, not wrapped.</summary>
internal static class GenericInvoke
{
    /// <summary>Invokes <paramref name="method"/> and returns its result; an exception the method throws is rethrown with its own stack.</summary>
    public static T Call<T>(MethodInfo method, object? target, params object?[] arguments)
    {
        try
        {
            return (T)method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}

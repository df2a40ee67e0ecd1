namespace KegAuth.AspNetCore.Configuration;

/// <summary>The context and user types <c>AddKegAuth</c> was called with, for parts mapped later without type arguments.</summary>
/// <param name="Context">The app's context type.</param>
/// <param name="User">The user type.</param>
/// <param name="Schemes">The schemes the app added.</param>
internal sealed record KegAuthTypes(Type Context, Type User, KegAuthSchemeSelection Schemes);

namespace KegAuth.AspNetCore.Configuration;

/// <summary>Which KegAuth schemes the app added, so the default scheme forwards only to registered ones.</summary>
internal sealed class KegAuthSchemeSelection
{
    public bool HasApiTokens { get; set; }

    public bool HasCookies { get; set; }
}

using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace KegAuth.AspNetCore.ApiTokens;

/// <summary>Finds the API token in a request, so the handler and the default scheme's selector agree.</summary>
internal static class KegApiTokenReader
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The token from <c>Authorization: Bearer</c>, else from <paramref name="headerName"/>; <see langword="null"/> when neither is present.</summary>
    public static string? Read(HttpRequest request, string? headerName)
    {
        string? authorization = request.Headers[HeaderNames.Authorization];
        if (authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        if (!string.IsNullOrEmpty(headerName))
        {
            string? value = request.Headers[headerName];
            if (value is not null)
            {
                return value.Trim();
            }
        }

        return null;
    }
}

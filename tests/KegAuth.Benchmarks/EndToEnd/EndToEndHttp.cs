using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>Sign-in calls the hosts share: JSON posts, and a cookie header built from <c>Set-Cookie</c>.</summary>
internal static class EndToEndHttp
{
    /// <summary>A client with no cookie container, so every credential is an explicit header.</summary>
    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    /// <summary>Posts <paramref name="body"/> as JSON with optional header; fails unless 2xx.</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body, EndToEndCredential? credential = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (credential is not null)
        {
            request.Headers.TryAddWithoutValidation(credential.HeaderName, credential.HeaderValue);
        }

        var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}.");
        }

        return response;
    }

    /// <summary>The <c>Cookie</c> header a browser would send back after <paramref name="response"/>.</summary>
    public static EndToEndCredential CookieFrom(HttpResponseMessage response, string loginId)
    {
        var pairs = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';', 2)[0]).ToList()
            : [];
        return pairs.Count > 0
            ? new EndToEndCredential("Cookie", string.Join("; ", pairs), loginId)
            : throw new InvalidOperationException("The sign-in set no cookie.");
    }

    /// <summary>A bearer credential from string property <paramref name="property"/> of the JSON answer.</summary>
    public static async Task<EndToEndCredential> BearerFromAsync(HttpResponseMessage response, string property, string loginId)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty(property).GetString() ?? throw new InvalidOperationException($"No {property} in the answer.");
        return new EndToEndCredential("Authorization", new AuthenticationHeaderValue("Bearer", token).ToString(), loginId);
    }
}

using System.Net;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>
/// What must hold before a set-up is measured, so a fast number is never a fast error: every signed-in
/// user gets 200 and their own login id from both endpoints; without credentials, 401; a signed-in user
/// without the permission, 200 from <c>/me</c> and 403 from the protected endpoint.
/// </summary>
internal static class EndToEndChecks
{
    /// <summary>Runs the checks; throws with the first broken expectation.</summary>
    public static async Task RunAsync(EndToEndSetup setup)
    {
        using var client = EndToEndHttp.NewClient(setup.BaseAddress);
        foreach (var credential in setup.Allowed)
        {
            await ExpectAsync(client, setup, EndToEndHost.MePath, credential, HttpStatusCode.OK, credential.LoginId);
            await ExpectAsync(client, setup, EndToEndHost.ProtectedPath, credential, HttpStatusCode.OK, credential.LoginId);
        }

        if (setup.Denied is { } denied)
        {
            await ExpectAsync(client, setup, EndToEndHost.MePath, null, HttpStatusCode.Unauthorized, null);
            await ExpectAsync(client, setup, EndToEndHost.ProtectedPath, null, HttpStatusCode.Unauthorized, null);
            await ExpectAsync(client, setup, EndToEndHost.MePath, denied, HttpStatusCode.OK, denied.LoginId);
            await ExpectAsync(client, setup, EndToEndHost.ProtectedPath, denied, HttpStatusCode.Forbidden, null);
        }
    }

    private static async Task ExpectAsync(HttpClient client, EndToEndSetup setup, string path, EndToEndCredential? credential, HttpStatusCode status, string? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (credential is not null)
        {
            request.Headers.TryAddWithoutValidation(credential.HeaderName, credential.HeaderValue);
        }

        using var response = await client.SendAsync(request);
        var who = credential is null ? "anonymous" : credential.LoginId;
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{setup.Name} GET {path} as {who}: {(int)response.StatusCode}, expected {(int)status}.");
        }

        if (body is not null && await response.Content.ReadAsStringAsync() != body)
        {
            throw new InvalidOperationException($"{setup.Name} GET {path} as {who}: the body is not the login id.");
        }
    }
}

using Microsoft.Playwright;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>Which field has the keyboard focus, once the page has placed it.</summary>
public static class BrowserFocus
{
    /// <summary>
    /// The focused element's id. <c>autofocus</c> is applied after the page's load, so reading it right
    /// after a navigation can see the body (a loaded machine made that a flaky test): wait up to five
    /// seconds for some element with an id to take the focus, then read it.
    /// </summary>
    public static async Task<string> IdAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => !!document.activeElement && document.activeElement.id !== ''", null, new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            // Nothing took the focus: the assertion on the empty id says so.
        }

        return await page.EvaluateAsync<string>("document.activeElement ? document.activeElement.id : ''");
    }
}

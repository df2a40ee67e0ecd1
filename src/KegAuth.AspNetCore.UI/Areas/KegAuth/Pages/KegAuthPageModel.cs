using System.ComponentModel;
using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// What every KegAuth page shares: errors kept per field (shown next to it, the first one focused) and
/// one page-level message. Supports KegAuth's pages; not meant to be used from app code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KegAuthPageModel : PageModel
{
    private readonly List<(string Field, string Message)> _errors = [];

    /// <summary>A message about the whole form (wrong password, lockout), shown as an alert; null when none.</summary>
    public string? Error { get; protected set; }

    /// <summary>A confirmation (signed out, password changed), shown as a status; null when none.</summary>
    public string? Notice { get; protected set; }

    /// <summary>Builds the markup model of one input, with its errors and whether it takes the focus.</summary>
    /// <param name="id">The input's id and form name.</param>
    /// <param name="label">The visible label.</param>
    /// <param name="type">The input type.</param>
    /// <param name="autocomplete">The autocomplete token password managers read.</param>
    /// <param name="value">The value to show again (never a password).</param>
    /// <param name="focusWhenClean">Whether to focus this input when the form has no errors.</param>
    /// <returns>The field.</returns>
    public KegField Field(string id, string label, string type, string autocomplete, string? value = null, bool focusWhenClean = false)
    {
        var errors = _errors.Where(e => e.Field == id).Select(e => e.Message).ToList();
        var first = _errors.Count > 0 ? _errors[0].Field : null;
        var focus = first is null ? focusWhenClean && Error is null : first == id;
        return new KegField(id, label, type, autocomplete, value, errors, focus);
    }

    /// <summary>Whether any field has an error.</summary>
    public bool HasFieldErrors => _errors.Count > 0;

    /// <summary>Adds an error shown next to <paramref name="field"/>.</summary>
    /// <param name="field">The input's id.</param>
    /// <param name="message">The message.</param>
    protected void AddError(string field, string message) => _errors.Add((field, message));

    /// <summary>Adds each password-policy problem next to <paramref name="field"/>.</summary>
    /// <param name="field">The new password's input id.</param>
    /// <param name="problems">The policy's problems.</param>
    protected void AddProblems(string field, IEnumerable<KegPasswordProblem> problems)
    {
        var any = false;
        foreach (var problem in problems)
        {
            AddError(field, problem.Message);
            any = true;
        }

        if (!any)
        {
            AddError(field, "This password cannot be used.");
        }
    }

    /// <summary>Checks that the confirmation matches; adds the error next to it when not.</summary>
    /// <param name="password">The new password.</param>
    /// <param name="confirm">Its confirmation.</param>
    /// <param name="field">The confirmation's input id.</param>
    /// <returns>Whether they match.</returns>
    protected bool Confirms(string? password, string? confirm, string field)
    {
        if (string.Equals(password, confirm, StringComparison.Ordinal))
        {
            return true;
        }

        AddError(field, "The two passwords differ.");
        return false;
    }

    /// <summary>The services the JSON endpoints use, closed over the app's user type.</summary>
    internal IKegAuthPageActions Actions => HttpContext.RequestServices.GetRequiredService<IKegAuthPageActions>();

    /// <summary>The second factor's services (users with <c>[KegUserTotp]</c>), closed over the app's user type.</summary>
    internal IKegSecondFactorPageActions SecondFactor => HttpContext.RequestServices.GetRequiredService<IKegSecondFactorPageActions>();

    /// <summary>"5 minutes", "1 minute", "40 seconds": how long a lockout still lasts, rounded up.</summary>
    /// <param name="left">The time left.</param>
    /// <returns>The text.</returns>
    protected static string Describe(TimeSpan left)
    {
        if (left < TimeSpan.FromMinutes(1))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
            return seconds == 1 ? "1 second" : $"{seconds} seconds";
        }

        var minutes = (int)Math.Ceiling(left.TotalMinutes);
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }
}

/// <summary>One labelled input of a KegAuth page. Supports KegAuth's pages.</summary>
/// <param name="Id">The input's id and form name.</param>
/// <param name="Label">The visible label.</param>
/// <param name="Type">The input type.</param>
/// <param name="Autocomplete">The autocomplete token.</param>
/// <param name="Value">The value shown again, if any.</param>
/// <param name="Errors">The errors shown next to the input.</param>
/// <param name="Focus">Whether the input takes the focus on load (the first field in error).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record KegField(string Id, string Label, string Type, string Autocomplete, string? Value, IReadOnlyList<string> Errors, bool Focus);

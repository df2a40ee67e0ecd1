namespace KegAuth.AspNetCore.UI.Services;

/// <summary>One row of a group, bundle or permission list.</summary>
/// <param name="Key">The primary key as invariant text.</param>
/// <param name="Name">The name (a permission's token).</param>
/// <param name="Description">A permission's description; null otherwise.</param>
/// <param name="IsDeclared">Whether the permission is declared in code (read-only here).</param>
internal sealed record KegAdminRow(string Key, string Name, string? Description, bool IsDeclared);

/// <summary>A page of rows and the name to continue after, when there are more.</summary>
/// <param name="Rows">The rows.</param>
/// <param name="Next">The last name of this page when another page follows; otherwise null.</param>
internal sealed record KegAdminListPage(IReadOnlyList<KegAdminRow> Rows, string? Next);

/// <summary>One checkbox of an assignment list.</summary>
/// <param name="Key">The primary key as invariant text (the checkbox's value).</param>
/// <param name="Name">The name shown.</param>
internal sealed record KegAdminOption(string Key, string Name);

/// <summary>What can be assigned of one kind, and what is.</summary>
/// <param name="Kind">The kind assigned (permissions, bundles or groups).</param>
/// <param name="Options">Every row of that kind, by name.</param>
/// <param name="Selected">The keys assigned now.</param>
internal sealed record KegAdminChoices(KegEntityKind Kind, IReadOnlyList<KegAdminOption> Options, IReadOnlySet<string> Selected);

/// <summary>A group, bundle or permission with its assignments.</summary>
/// <param name="Key">The primary key as invariant text.</param>
/// <param name="Name">The name (a permission's token).</param>
/// <param name="Description">A permission's description.</param>
/// <param name="IsDeclared">Whether the permission is declared in code.</param>
/// <param name="Assignments">What can be assigned to it (a group: permissions and bundles; a bundle: permissions).</param>
internal sealed record KegAdminItem(string Key, string Name, string? Description, bool IsDeclared, IReadOnlyList<KegAdminChoices> Assignments);

/// <summary>A user as the edit page shows it.</summary>
/// <param name="Key">The primary key as invariant text.</param>
/// <param name="LoginId">The login id.</param>
/// <param name="IsEnabled">Whether the user is enabled.</param>
/// <param name="IsSuperuser">Whether the user is a superuser.</param>
/// <param name="DisabledUtc">The date from which the user is disabled, if any.</param>
/// <param name="IsVerified">Whether the email is verified; null for users without an email.</param>
/// <param name="LastLoginUtc">The last sign-in, if any.</param>
/// <param name="Assignments">The permissions, bundles and groups that can be assigned, and those that are.</param>
internal sealed record KegAdminUser(string Key, string LoginId, bool IsEnabled, bool IsSuperuser, DateTime? DisabledUtc, bool? IsVerified, DateTime? LastLoginUtc, IReadOnlyList<KegAdminChoices> Assignments);

/// <summary>What the user edit form posts.</summary>
/// <param name="LoginId">The login id.</param>
/// <param name="IsEnabled">Whether the user is enabled.</param>
/// <param name="IsSuperuser">Whether the user is a superuser.</param>
/// <param name="DisabledUtc">The date from which the user is disabled, if any.</param>
/// <param name="Assignments">The keys wanted for each kind the form showed.</param>
internal sealed record KegAdminUserChange(string? LoginId, bool IsEnabled, bool IsSuperuser, DateTime? DisabledUtc, IReadOnlyDictionary<KegEntityKind, IReadOnlyCollection<string>> Assignments);

/// <summary>How an admin change ended.</summary>
internal enum KegAdminOutcome
{
    /// <summary>Saved.</summary>
    Done,

    /// <summary>The row is gone.</summary>
    NotFound,

    /// <summary>The name or login id is taken.</summary>
    Taken,

    /// <summary>The name or login id is not acceptable.</summary>
    Invalid,

    /// <summary>The permission is declared in code.</summary>
    ReadOnly,

    /// <summary>The signed-in admin may not make this change.</summary>
    Forbidden,
}

/// <summary>An admin change's outcome.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Key">The row's key (a created row's new key).</param>
/// <param name="Message">Why it was refused, for the page.</param>
internal sealed record KegAdminResult(KegAdminOutcome Outcome, string? Key = null, string? Message = null)
{
    /// <summary>Whether it was saved.</summary>
    public bool Succeeded => Outcome == KegAdminOutcome.Done;
}

namespace KegAuth;

/// <summary>Checks declared permissions and indexes them by token.</summary>
internal static class KegDeclaredPermissions
{
    /// <summary>The declarations by token (ordinal), after checking each one.</summary>
    /// <exception cref="ArgumentException">A token is empty, too long or holds control characters, or is declared twice with different descriptions.</exception>
    public static Dictionary<string, string?> ToLookup(IEnumerable<KegDeclaredPermission> declared)
    {
        var wanted = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var permission in declared)
        {
            if (permission is null || string.IsNullOrWhiteSpace(permission.Token))
            {
                throw new ArgumentException("A declared permission has an empty token.", nameof(declared));
            }

            if (permission.Token.Length > KegPermissionSync.MaxTokenLength)
            {
                throw new ArgumentException($"A declared permission token is {permission.Token.Length} characters long; the permission table holds at most {KegPermissionSync.MaxTokenLength}.", nameof(declared));
            }

            if (permission.Token.Any(char.IsControl))
            {
                throw new ArgumentException("A declared permission token holds a control character.", nameof(declared));
            }

            if (wanted.TryGetValue(permission.Token, out var description) && description != permission.Description)
            {
                throw new ArgumentException($"The permission '{permission.Token}' is declared twice with different descriptions.", nameof(declared));
            }

            wanted[permission.Token] = permission.Description;
        }

        return wanted;
    }
}

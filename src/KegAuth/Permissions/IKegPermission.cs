namespace KegAuth;

/// <summary>What every <see cref="KegPermissionAttribute"/> class has (keg-auth <c>PermissionMixin</c>). The generator implements it.</summary>
public interface IKegPermission
{
    /// <summary>The permission token, unique, at most 1024 characters.</summary>
    string Token { get; set; }

    /// <summary>A description for people; <see langword="null"/> when there is none.</summary>
    string? Description { get; set; }
}

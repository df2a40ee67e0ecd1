namespace KegAuth;

/// <summary>What every <see cref="KegGroupAttribute"/> class has (keg-auth <c>GroupMixin</c>). The generator implements it.</summary>
public interface IKegGroup
{
    /// <summary>The group name, unique, at most 1024 characters.</summary>
    string Name { get; set; }
}

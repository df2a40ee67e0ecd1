namespace KegAuth;

/// <summary>What every <see cref="KegBundleAttribute"/> class has (keg-auth <c>BundleMixin</c>). The generator implements it.</summary>
public interface IKegBundle
{
    /// <summary>The bundle name, unique, at most 1024 characters.</summary>
    string Name { get; set; }
}

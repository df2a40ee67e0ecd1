using System.Collections.Generic;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// <c>[KegBundle]</c> (keg-auth <c>BundleMixin</c>): the name and the collections to the registered
/// permission, user and group classes. The many-to-many tables behind them are mapped by <c>UseKegAuth</c>.
/// </summary>
internal sealed class KegBundleMembers : GroupingSpec
{
    public static readonly KegBundleMembers Spec = new();

    private KegBundleMembers()
        : base("KegBundle", Declare())
    {
    }

    public override IEnumerable<string> Interfaces(GroupingModel model) => [K.IKegBundle];

    private static IEnumerable<MemberSpec<GroupingModel>> Declare() =>
    [
        Name("bundle"),
        Collection("Permissions", m => m.Permission, "The permissions in the bundle (keg-auth <c>permissions</c>)."),
        Collection("Users", m => m.User, "The users given the bundle directly (keg-auth <c>users</c>)."),
        Collection("Groups", m => m.Group, "The groups that hold the bundle (keg-auth <c>groups</c>)."),
    ];
}
